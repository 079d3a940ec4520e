//! Candidate accounts (A1-A6), their mailed links, sign-in failures, web sessions, the mail
//! outbox (X4), the first trace of candidatures (A6 needs to know one exists) and the
//! official list of communes offered as suggestions.

use crate::reference_data::{COMMUNES_CSV, parse_csv};
use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000003_accounts"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Accounts::Table)
                    .col(uuid(Accounts::Id).primary_key())
                    .col(string_len_uniq(Accounts::Email, 254))
                    .col(string_len(Accounts::Civility, 16))
                    .col(string_len(Accounts::BirthName, 100))
                    .col(string_len_null(Accounts::UsageName, 100))
                    .col(string_len(Accounts::FirstNames, 100))
                    .col(string_len(Accounts::BirthCountryCode, 8))
                    .col(date(Accounts::BirthDate))
                    .col(string_len_null(Accounts::BirthDepartementCode, 3))
                    .col(string_len(Accounts::BirthCommune, 100))
                    .col(string(Accounts::PasswordHash))
                    .col(integer(Accounts::SessionEpoch).default(0))
                    .col(timestamp_with_time_zone(Accounts::CreatedAt))
                    .col(timestamp_with_time_zone_null(Accounts::ActivatedAt))
                    .col(timestamp_with_time_zone(Accounts::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_accounts_pending")
                    .table(Accounts::Table)
                    .col(Accounts::ActivatedAt)
                    .col(Accounts::CreatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AccountTokens::Table)
                    .col(uuid(AccountTokens::Id).primary_key())
                    .col(uuid(AccountTokens::AccountId))
                    .col(string_len(AccountTokens::Purpose, 16))
                    .col(string_len_uniq(AccountTokens::TokenHash, 64))
                    .col(string_len_null(AccountTokens::NewEmail, 254))
                    .col(timestamp_with_time_zone(AccountTokens::CreatedAt))
                    .col(timestamp_with_time_zone(AccountTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(AccountTokens::UsedAt))
                    .check(Expr::col(AccountTokens::Purpose).is_in([
                        "activation",
                        "reset",
                        "email_change",
                    ]))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AccountTokens::Table, AccountTokens::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_account_tokens_account")
                    .table(AccountTokens::Table)
                    .col(AccountTokens::AccountId)
                    .col(AccountTokens::Purpose)
                    .to_owned(),
            )
            .await?;

        // Keyed by the address typed, known or not: a lockout tells nothing about existence.
        manager
            .create_table(
                Table::create()
                    .table(SignInFailures::Table)
                    .col(string_len(SignInFailures::Email, 254).primary_key())
                    .col(integer(SignInFailures::Failures))
                    .col(timestamp_with_time_zone(SignInFailures::LastFailureAt))
                    .col(timestamp_with_time_zone_null(SignInFailures::LockedUntil))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(WebSessions::Table)
                    .col(string_len(WebSessions::Id, 64).primary_key())
                    .col(text(WebSessions::Data))
                    .col(timestamp_with_time_zone(WebSessions::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_web_sessions_expiry")
                    .table(WebSessions::Table)
                    .col(WebSessions::ExpiresAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MailOutbox::Table)
                    .col(uuid(MailOutbox::Id).primary_key())
                    .col(string_len(MailOutbox::Recipient, 254))
                    .col(string(MailOutbox::Subject))
                    .col(text(MailOutbox::BodyText))
                    .col(text(MailOutbox::BodyHtml))
                    .col(timestamp_with_time_zone(MailOutbox::CreatedAt))
                    .col(integer(MailOutbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(MailOutbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(MailOutbox::SentAt))
                    .col(timestamp_with_time_zone_null(MailOutbox::AbandonedAt))
                    .col(text_null(MailOutbox::LastError))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_mail_outbox_due")
                    .table(MailOutbox::Table)
                    .col(MailOutbox::SentAt)
                    .col(MailOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Candidatures::Table)
                    .col(uuid(Candidatures::Id).primary_key())
                    .col(uuid(Candidatures::AccountId))
                    .col(integer(Candidatures::OfferId))
                    .col(timestamp_with_time_zone(Candidatures::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Candidatures::Table, Candidatures::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Candidatures::Table, Candidatures::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_candidatures_account")
                    .table(Candidatures::Table)
                    .col(Candidatures::AccountId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Communes::Table)
                    .col(string_len(Communes::Code, 5))
                    .col(string_len(Communes::DepartementCode, 3))
                    .col(string_len(Communes::Label, 100))
                    .primary_key(Index::create().col(Communes::Code))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_communes_departement")
                    .table(Communes::Table)
                    .col(Communes::DepartementCode)
                    .col(Communes::Label)
                    .to_owned(),
            )
            .await?;
        let rows = parse_csv(COMMUNES_CSV);
        for chunk in rows.chunks(200) {
            let mut insert = Query::insert();
            insert.into_table(Communes::Table).columns([
                Communes::DepartementCode,
                Communes::Code,
                Communes::Label,
            ]);
            for row in chunk {
                let [departement, code, label] = row.as_slice() else {
                    return Err(DbErr::Custom(format!("communes.csv: bad row {row:?}")));
                };
                insert.values_panic([Expr::val(*departement), Expr::val(*code), Expr::val(*label)]);
            }
            manager.exec_stmt(insert).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Communes::Table.into_iden(),
            Candidatures::Table.into_iden(),
            MailOutbox::Table.into_iden(),
            WebSessions::Table.into_iden(),
            SignInFailures::Table.into_iden(),
            AccountTokens::Table.into_iden(),
            Accounts::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Accounts {
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
    SessionEpoch,
    CreatedAt,
    ActivatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AccountTokens {
    Table,
    Id,
    AccountId,
    Purpose,
    TokenHash,
    NewEmail,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum SignInFailures {
    Table,
    Email,
    Failures,
    LastFailureAt,
    LockedUntil,
}

#[derive(DeriveIden)]
enum WebSessions {
    Table,
    Id,
    Data,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
    Recipient,
    Subject,
    BodyText,
    BodyHtml,
    CreatedAt,
    Attempts,
    NextAttemptAt,
    SentAt,
    AbandonedAt,
    LastError,
}

#[derive(DeriveIden)]
enum Candidatures {
    Table,
    Id,
    AccountId,
    OfferId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Communes {
    Table,
    Code,
    DepartementCode,
    Label,
}
