//! Staff accounts (REQUIREMENTS S1; checklist lines 11, 12, 17, 31): enrolment from the
//! one-time link with a TOTP code, sign-in with password and code, a code refused the second
//! time, recovery codes used once, a disabled member's sessions ended, journal rows.

use crate::on_both_databases;
use app::domain::{Email, Scope, StaffRole};
use app::error::AppError;
use app::server::services::journal::{self, Verdict};
use app::server::services::staff::{enrolment, members, sessions, sign_in};
use app::server::services::totp::{STEP_SECONDS, TotpSecret};

const PASSWORD: &str = "une phrase de passe assez longue";

fn code_now(app: &crate::helpers::TestApp, secret: &str) -> String {
    let step = app.state.clock.now().timestamp().div_euclid(STEP_SECONDS);
    TotpSecret::from_base32(secret).unwrap().code(step)
}

on_both_databases! {
    async fn a_member_enrols_signs_in_once_per_code_and_loses_sessions_when_disabled(app) {
        let state = &app.state;
        let email = Email::parse("Gestion.Versailles@ac-versailles.fr").unwrap();
        let scope = Scope::of_codes(["VERSAILLES"]);
        let added = members::add(state, &members::Actor::command_line(), &email, StaffRole::Gestionnaire, &scope).await.unwrap();
        // The same address twice is refused.
        let again = members::add(state, &members::Actor::command_line(), &email, StaffRole::Gestionnaire, &scope).await;
        assert!(matches!(again, Err(AppError::EmailTaken)));
        // An académie the catalog does not have is refused.
        let unknown = Email::parse("autre@ac-versailles.fr").unwrap();
        let bad = members::add(state, &members::Actor::command_line(), &unknown, StaffRole::Gestionnaire, &Scope::of_codes(["NULLEPART"])).await;
        assert!(matches!(bad, Err(AppError::InvalidInput)));

        let pending = enrolment::open(state, &added.enrolment_secret).await.unwrap();
        assert_eq!(pending.email, "gestion.versailles@ac-versailles.fr");
        assert!(pending.otpauth_uri.starts_with("otpauth://totp/"));
        // A short password and a wrong code: both named beside their field.
        let refused = enrolment::complete(state, &added.enrolment_secret, "court", "000000", None).await;
        let Err(AppError::InvalidFields(errors)) = refused else { panic!("{refused:?}") };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, [app::domain::staff::field::PASSWORD, app::domain::staff::field::CODE]);
        let code = code_now(&app, &pending.secret);
        let enrolled = enrolment::complete(state, &added.enrolment_secret, PASSWORD, &code, Some("192.0.2.1")).await.unwrap();
        let recovery = enrolled.recovery_codes;
        assert_eq!(recovery.len(), 10);
        // The enrolment opened a session.
        assert!(sessions::find(state, &enrolled.session_secret).await.unwrap().is_some());
        // The link works once.
        assert!(matches!(enrolment::open(state, &added.enrolment_secret).await, Err(AppError::LinkInvalid)));

        // The code that confirmed the enrolment cannot sign in (used once).
        let replay = sign_in::sign_in(state, email.as_str(), PASSWORD, &code, None).await;
        assert!(matches!(replay, Err(AppError::SignInFailed)), "{replay:?}");
        app.state.clock.advance(chrono::Duration::seconds(STEP_SECONDS));
        let code = code_now(&app, &pending.secret);
        // The right code with a wrong password: the same answer.
        let wrong = sign_in::sign_in(state, email.as_str(), "pas le bon mot de passe", &code, None).await;
        assert!(matches!(wrong, Err(AppError::SignInFailed)));
        let signed = sign_in::sign_in(state, email.as_str(), PASSWORD, &code, None).await.unwrap();
        assert!(sessions::find(state, &signed.session_secret).await.unwrap().is_some());
        // The same code again, a moment later: refused.
        let again = sign_in::sign_in(state, email.as_str(), PASSWORD, &code, None).await;
        assert!(matches!(again, Err(AppError::SignInFailed)));
        // A recovery code works once.
        let by_recovery = sign_in::sign_in(state, email.as_str(), PASSWORD, &recovery[3], None).await;
        assert!(by_recovery.is_ok(), "{by_recovery:?}");
        let reused = sign_in::sign_in(state, email.as_str(), PASSWORD, &recovery[3], None).await;
        assert!(matches!(reused, Err(AppError::SignInFailed)));

        // Idle beyond the staff timeout: the session is over.
        app.state.clock.advance(state.accounts.staff_session_idle + chrono::Duration::seconds(1));
        assert!(sessions::find(state, &signed.session_secret).await.unwrap().is_none());

        // Disabling ends the sessions it had, and refuses the next sign-in.
        app.state.clock.advance(chrono::Duration::seconds(STEP_SECONDS));
        let fresh = sign_in::sign_in(state, email.as_str(), PASSWORD, &code_now(&app, &pending.secret), None).await.unwrap();
        members::disable(state, &members::Actor::command_line(), added.id).await.unwrap();
        assert!(sessions::find(state, &fresh.session_secret).await.unwrap().is_none());
        app.state.clock.advance(chrono::Duration::seconds(STEP_SECONDS));
        let after = sign_in::sign_in(state, email.as_str(), PASSWORD, &code_now(&app, &pending.secret), None).await;
        assert!(matches!(after, Err(AppError::SignInFailed)));

        // Every step is in an intact journal.
        let Verdict::Intact { rows, .. } = journal::verify(&state.db).await.unwrap() else { panic!("broken journal") };
        // add, enrol, replay, wrong password, sign-in, same code again, recovery sign-in,
        // recovery code reused, sign-in, disable, sign-in once disabled
        assert_eq!(rows, 11);
    }

    async fn wrong_codes_lock_the_staff_login_even_with_the_right_password(app) {
        let state = &app.state;
        let email = Email::parse("admin@ac-versailles.fr").unwrap();
        let added = members::add(state, &members::Actor::command_line(), &email, StaffRole::Administrateur, &Scope::All).await.unwrap();
        let pending = enrolment::open(state, &added.enrolment_secret).await.unwrap();
        enrolment::complete(state, &added.enrolment_secret, PASSWORD, &code_now(&app, &pending.secret), None).await.unwrap();
        for _ in 0..state.accounts.lockout_threshold {
            let _ = sign_in::sign_in(state, email.as_str(), PASSWORD, "123456", None).await;
        }
        app.state.clock.advance(chrono::Duration::seconds(STEP_SECONDS));
        let locked = sign_in::sign_in(state, email.as_str(), PASSWORD, &code_now(&app, &pending.secret), None).await;
        assert!(matches!(locked, Err(AppError::SignInLocked { .. })), "{locked:?}");
    }

    async fn an_enrolment_link_expires_unused(app) {
        let state = &app.state;
        let email = Email::parse("tardif@ac-versailles.fr").unwrap();
        let added = members::add(state, &members::Actor::command_line(), &email, StaffRole::Gestionnaire, &Scope::All).await.unwrap();
        app.state.clock.advance(state.accounts.staff_enrolment_ttl - chrono::Duration::seconds(1));
        assert!(enrolment::open(state, &added.enrolment_secret).await.is_ok());
        app.state.clock.advance(chrono::Duration::seconds(1));
        assert!(matches!(enrolment::open(state, &added.enrolment_secret).await, Err(AppError::LinkInvalid)));
    }
}
