//! Account creation without takeover (issue 10): each "Créez votre compte" for an address
//! that has no activated account is kept as a request of its own (what was typed, the hash
//! of the password chosen), never overwriting another; a mailed activation link proves the
//! mailbox, the password typed on the activation page picks the request it matches. Also
//! the index the per-recipient mail cap reads.

use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000006_account_requests"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccountRequests::Table)
                    .col(uuid(AccountRequests::Id).primary_key())
                    .col(string_len(AccountRequests::Email, 254))
                    .col(string_len(AccountRequests::Civility, 16))
                    .col(string_len(AccountRequests::BirthName, 100))
                    .col(string_len_null(AccountRequests::UsageName, 100))
                    .col(string_len(AccountRequests::FirstNames, 100))
                    .col(string_len(AccountRequests::BirthCountryCode, 8))
                    .col(date(AccountRequests::BirthDate))
                    .col(string_len_null(AccountRequests::BirthDepartementCode, 3))
                    .col(string_len(AccountRequests::BirthCommune, 100))
                    .col(string(AccountRequests::PasswordHash))
                    .col(timestamp_with_time_zone(AccountRequests::CreatedAt))
                    .col(timestamp_with_time_zone(AccountRequests::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_account_requests_email")
                    .table(AccountRequests::Table)
                    .col(AccountRequests::Email)
                    .col(AccountRequests::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_account_requests_expiry")
                    .table(AccountRequests::Table)
                    .col(AccountRequests::ExpiresAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ActivationLinks::Table)
                    .col(uuid(ActivationLinks::Id).primary_key())
                    .col(string_len(ActivationLinks::Email, 254))
                    .col(string_len_uniq(ActivationLinks::TokenHash, 64))
                    .col(timestamp_with_time_zone(ActivationLinks::CreatedAt))
                    .col(timestamp_with_time_zone(ActivationLinks::ExpiresAt))
                    .col(timestamp_with_time_zone_null(ActivationLinks::UsedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_activation_links_email")
                    .table(ActivationLinks::Table)
                    .col(ActivationLinks::Email)
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(
                Index::create()
                    .name("idx_mail_outbox_recipient")
                    .table(MailOutbox::Table)
                    .col(MailOutbox::Recipient)
                    .col(MailOutbox::CreatedAt)
                    .to_owned(),
            )
            .await?;

        // Accounts created before this step and not activated become requests, their live
        // activation links stay valid; the pending rows leave `accounts` (which from now on
        // holds activated accounts only).
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO account_requests (id, email, civility, birth_name, usage_name, \
             first_names, birth_country_code, birth_date, birth_departement_code, birth_commune, \
             password_hash, created_at, expires_at) \
             SELECT id, email, civility, birth_name, usage_name, first_names, birth_country_code, \
             birth_date, birth_departement_code, birth_commune, password_hash, created_at, \
             (SELECT MAX(t.expires_at) FROM account_tokens t WHERE t.account_id = accounts.id \
              AND t.purpose = 'activation') \
             FROM accounts WHERE activated_at IS NULL AND EXISTS (SELECT 1 FROM account_tokens t \
             WHERE t.account_id = accounts.id AND t.purpose = 'activation')",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO activation_links (id, email, token_hash, created_at, expires_at, used_at) \
             SELECT t.id, a.email, t.token_hash, t.created_at, t.expires_at, t.used_at \
             FROM account_tokens t JOIN accounts a ON a.id = t.account_id \
             WHERE a.activated_at IS NULL AND t.purpose = 'activation'",
        )
        .await?;
        db.execute_unprepared(
            "DELETE FROM account_tokens WHERE account_id IN \
             (SELECT id FROM accounts WHERE activated_at IS NULL)",
        )
        .await?;
        db.execute_unprepared("DELETE FROM accounts WHERE activated_at IS NULL")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_mail_outbox_recipient")
                    .table(MailOutbox::Table)
                    .to_owned(),
            )
            .await?;
        for table in [
            ActivationLinks::Table.into_iden(),
            AccountRequests::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum AccountRequests {
    Table,
    Id,
    Email,
    Civility,
    BirthName,
    UsageName,
    FirstNames,
    BirthCountryCode,
    BirthDate,
    BirthDepartementCode,
    BirthCommune,
    PasswordHash,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum ActivationLinks {
    Table,
    Id,
    Email,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Recipient,
    CreatedAt,
}
