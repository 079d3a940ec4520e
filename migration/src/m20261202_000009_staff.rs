//! Staff (REQUIREMENTS S1, checklist lines 11, 12, 17): members apart from candidates, each
//! with a role and the académies it works on (none listed: all of them), a password and a
//! TOTP second factor set at enrolment from a one-time link, single-use recovery codes
//! (hashes only), and sessions of their own (the hash of the cookie's secret).

use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000009_staff"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StaffMembers::Table)
                    .col(uuid(StaffMembers::Id).primary_key())
                    .col(string_len_uniq(StaffMembers::Email, 254))
                    // `administrateur` or `gestionnaire`.
                    .col(string_len(StaffMembers::Role, 16))
                    // True: every académie; false: those of staff_academies.
                    .col(boolean(StaffMembers::AllAcademies))
                    .col(string_null(StaffMembers::PasswordHash))
                    // Base32, set when the second factor is confirmed.
                    .col(string_len_null(StaffMembers::TotpSecret, 64))
                    // The step of the last code accepted: never accepted again.
                    .col(big_integer_null(StaffMembers::TotpLastStep))
                    .col(timestamp_with_time_zone_null(StaffMembers::EnrolledAt))
                    .col(timestamp_with_time_zone_null(StaffMembers::DisabledAt))
                    // Raised to end every session (disabling, a change of scope or role).
                    .col(integer(StaffMembers::SessionEpoch).default(0))
                    .col(timestamp_with_time_zone(StaffMembers::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StaffAcademies::Table)
                    .col(uuid(StaffAcademies::StaffId))
                    .col(string_len(StaffAcademies::AcademyCode, 32))
                    .primary_key(
                        Index::create()
                            .col(StaffAcademies::StaffId)
                            .col(StaffAcademies::AcademyCode),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffAcademies::Table, StaffAcademies::StaffId)
                            .to(StaffMembers::Table, StaffMembers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StaffEnrolments::Table)
                    .col(string_len(StaffEnrolments::TokenHash, 64).primary_key())
                    .col(uuid(StaffEnrolments::StaffId))
                    // The TOTP secret the enrolment page shows, kept once confirmed.
                    .col(string_len(StaffEnrolments::TotpSecret, 64))
                    .col(timestamp_with_time_zone(StaffEnrolments::CreatedAt))
                    .col(timestamp_with_time_zone(StaffEnrolments::ExpiresAt))
                    .col(timestamp_with_time_zone_null(StaffEnrolments::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffEnrolments::Table, StaffEnrolments::StaffId)
                            .to(StaffMembers::Table, StaffMembers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StaffRecoveryCodes::Table)
                    .col(uuid(StaffRecoveryCodes::StaffId))
                    .col(string_len(StaffRecoveryCodes::CodeHash, 64))
                    .col(timestamp_with_time_zone_null(StaffRecoveryCodes::UsedAt))
                    .primary_key(
                        Index::create()
                            .col(StaffRecoveryCodes::StaffId)
                            .col(StaffRecoveryCodes::CodeHash),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffRecoveryCodes::Table, StaffRecoveryCodes::StaffId)
                            .to(StaffMembers::Table, StaffMembers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StaffSessions::Table)
                    .col(string_len(StaffSessions::TokenHash, 64).primary_key())
                    .col(uuid(StaffSessions::StaffId))
                    .col(integer(StaffSessions::Epoch))
                    .col(timestamp_with_time_zone(StaffSessions::CreatedAt))
                    .col(timestamp_with_time_zone(StaffSessions::LastSeenAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffSessions::Table, StaffSessions::StaffId)
                            .to(StaffMembers::Table, StaffMembers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_staff_sessions_staff")
                    .table(StaffSessions::Table)
                    .col(StaffSessions::StaffId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            StaffSessions::Table.into_iden(),
            StaffRecoveryCodes::Table.into_iden(),
            StaffEnrolments::Table.into_iden(),
            StaffAcademies::Table.into_iden(),
            StaffMembers::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum StaffMembers {
    Table,
    Id,
    Email,
    Role,
    AllAcademies,
    PasswordHash,
    TotpSecret,
    TotpLastStep,
    EnrolledAt,
    DisabledAt,
    SessionEpoch,
    CreatedAt,
}

#[derive(DeriveIden)]
enum StaffAcademies {
    Table,
    StaffId,
    AcademyCode,
}

#[derive(DeriveIden)]
enum StaffEnrolments {
    Table,
    TokenHash,
    StaffId,
    TotpSecret,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum StaffRecoveryCodes {
    Table,
    StaffId,
    CodeHash,
    UsedAt,
}

#[derive(DeriveIden)]
enum StaffSessions {
    Table,
    TokenHash,
    StaffId,
    Epoch,
    CreatedAt,
    LastSeenAt,
}
