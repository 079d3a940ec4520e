//! The Espace gestionnaire over HTTP (REQUIREMENTS S1, S4, X3; checklist lines 12, 16, 21):
//! enrolment from the link's page with a TOTP code, the back-office's own cookie (never a
//! candidate's session, and the reverse), 401 to a visitor and 403 to a candidate, the same
//! forms posted without the client code, and "Candidats": found without accents or case, by
//! number or email, and never beyond the member's académies.

use crate::accounts::active_account;
use crate::helpers::{Reply, TestApp};
use crate::on_both_databases;
use crate::registrations::{offer_of, register};
use app::domain::{Email, Scope, StaffRole};
use app::server::services::staff::members;
use app::server::services::totp::{STEP_SECONDS, TotpSecret};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

const PASSWORD: &str = "une phrase de passe assez longue";

/// The TOTP code of `secret` (as the page prints it, in groups) at the app's clock.
fn code_at(app: &TestApp, secret: &str) -> String {
    let compact: String = secret.split_whitespace().collect();
    let step = app.state.clock.now().timestamp().div_euclid(STEP_SECONDS);
    TotpSecret::from_base32(&compact).unwrap().code(step)
}

/// Adds a member and enrols them through the page's server functions: their cookie and
/// the secret of their second factor.
pub async fn enrolled_staff(
    app: &TestApp,
    email: &str,
    role: StaffRole,
    scope: &Scope,
) -> (String, String) {
    let email = Email::parse(email).unwrap();
    let added = members::add(
        &app.state,
        &members::Actor::command_line(),
        &email,
        role,
        scope,
    )
    .await
    .unwrap();
    let opened = app
        .call(
            "staff_enrolment",
            json!({ "token": added.enrolment_secret }),
            None,
        )
        .await;
    assert_eq!(opened.status, 200, "{}", opened.body);
    let secret = opened.json()["secret"].as_str().unwrap().to_owned();
    assert!(
        opened.json()["qr_svg"]
            .as_str()
            .unwrap()
            .starts_with("<svg")
    );
    let form = json!({ "password": PASSWORD, "password_confirm": PASSWORD, "code": code_at(app, &secret) });
    let enrolled = app
        .call(
            "staff_enrol",
            json!({ "token": added.enrolment_secret, "form": form }),
            None,
        )
        .await;
    assert_eq!(enrolled.status, 200, "{}", enrolled.body);
    assert_eq!(
        enrolled.json().as_array().map(Vec::len),
        Some(10),
        "ten recovery codes"
    );
    let cookie = enrolled.cookie().expect("the back-office's cookie");
    (cookie, secret)
}

/// The address of the "Candidats" server function for `query` (its fields as typed).
pub fn search(query: serde_json::Value) -> String {
    let encoded: Vec<String> = query
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            format!(
                "query%5B{k}%5D={}",
                app::domain::text::percent_encode(v.as_str().unwrap())
            )
        })
        .collect();
    format!("/api/staff_candidates?{}", encoded.join("&"))
}

pub async fn found(app: &TestApp, cookie: &str, query: serde_json::Value) -> Vec<String> {
    let r = app.get_as(&search(query), Some(cookie)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let page = r.json();
    let rows: Vec<String> = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(page["total"].as_u64(), Some(rows.len() as u64));
    rows
}

fn cookie_attributes(reply: &Reply) -> String {
    reply.set_cookie().unwrap_or_default()
}

on_both_databases! {
    async fn the_back_office_has_its_own_cookie_and_refuses_visitors_and_candidates(app) {
        // A visitor: 401.
        let visitor = app.get_as("/api/staff_viewer", None).await;
        assert_eq!((visitor.status.as_u16(), visitor.code().as_deref()), (401, Some("unauthenticated")));
        // A candidate signed in: 403, and "Candidats" too.
        let candidate = active_account(&app, "jean.talu@example.fr").await;
        let refused = app.get_as("/api/staff_viewer", Some(&candidate)).await;
        assert_eq!((refused.status.as_u16(), refused.code().as_deref()), (403, Some("forbidden")));
        let listing = app.get_as(&search(json!({})), Some(&candidate)).await;
        assert_eq!(listing.status.as_u16(), 403, "{}", listing.body);

        let (staff, _) = enrolled_staff(&app, "admin@ac-versailles.fr", StaffRole::Administrateur, &Scope::All).await;
        assert!(staff.starts_with("cyclades-gestion="), "{staff}");
        let viewer = app.get_as("/api/staff_viewer", Some(&staff)).await;
        assert_eq!(viewer.status, 200, "{}", viewer.body);
        assert_eq!(viewer.json()["role"], "Administrateur");
        // The staff cookie is no candidate session, the candidate's no staff session.
        assert!(app.get_as("/api/viewer", Some(&staff)).await.json().is_null());
        let both = format!("{candidate}; {staff}");
        assert_eq!(app.get_as("/api/staff_viewer", Some(&both)).await.status, 200);

        // Se déconnecter: the session is gone, the cookie cleared.
        let out = app.call("staff_sign_out", json!({}), Some(&staff)).await;
        assert_eq!(out.status, 200, "{}", out.body);
        assert!(cookie_attributes(&out).contains("Max-Age=0"), "{}", cookie_attributes(&out));
        assert_eq!(app.get_as("/api/staff_viewer", Some(&staff)).await.status.as_u16(), 401);
    }

    async fn signing_in_needs_the_password_and_a_fresh_code(app) {
        let (_, secret) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        let form = |password: &str, code: &str| json!({ "form": { "email": "Gestion@ac-versailles.fr", "password": password, "code": code } });
        // Empty fields are named beside each.
        let empty = app.call("staff_sign_in", json!({ "form": { "email": "", "password": "", "code": "" } }), None).await;
        assert_eq!(empty.fields(), ["email", "password", "code"]);
        // The enrolment's code was used: refused, with the one answer for any wrong part.
        let replay = app.call("staff_sign_in", form(PASSWORD, &code_at(&app, &secret)), None).await;
        assert_eq!((replay.status.as_u16(), replay.code().as_deref()), (401, Some("sign_in_failed")));
        app.state.clock.advance(chrono::Duration::seconds(STEP_SECONDS));
        let wrong = app.call("staff_sign_in", form("pas le bon mot de passe", &code_at(&app, &secret)), None).await;
        assert_eq!(wrong.code().as_deref(), Some("sign_in_failed"));
        let signed = app.call("staff_sign_in", form(PASSWORD, &code_at(&app, &secret)), None).await;
        assert_eq!(signed.status, 200, "{}", signed.body);
        let attributes = cookie_attributes(&signed);
        for part in ["HttpOnly", "SameSite=Strict", "Path=/"] {
            assert!(attributes.contains(part), "{attributes}");
        }
        // Not a candidate's cookie name, so no candidate page reads it.
        assert!(!attributes.starts_with("cyclades="), "{attributes}");
    }

    async fn forms_posted_without_the_client_work_and_never_echo_secrets(app) {
        let (_, secret) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::All).await;
        app.state.clock.advance(chrono::Duration::seconds(STEP_SECONDS));
        let refused = app.post_form("/gestion", &[("formulaire", "connexion-gestion"), ("email", "gestion@ac-versailles.fr"), ("password", "mauvais mot de passe"), ("code", "123456")], None, &[]).await;
        assert_eq!(refused.status.as_u16(), 401);
        let text = crate::helpers::visible_text(&refused.body);
        assert!(text.contains("Login, mot de passe ou code de vérification incorrect."), "{text}");
        assert!(!refused.body.contains("mauvais mot de passe") && !refused.body.contains("123456"));
        let code = code_at(&app, &secret);
        let accepted = app.post_form("/gestion", &[("formulaire", "connexion-gestion"), ("email", "gestion@ac-versailles.fr"), ("password", PASSWORD), ("code", &code)], None, &[]).await;
        assert_eq!(accepted.status.as_u16(), 303, "{}", accepted.body);
        assert_eq!(accepted.headers.get("location").unwrap(), "/gestion/candidats");
        let cookie = accepted.cookie().expect("the back-office's cookie");
        let page = app.get_as("/gestion/candidats", Some(&cookie)).await;
        assert!(crate::helpers::visible_text(&page.body).contains("Candidats"));
        // Se déconnecter, posted.
        let out = app.post_form("/gestion/se-deconnecter", &[("formulaire", "deconnexion-gestion")], Some(&cookie), &[]).await;
        assert_eq!(out.status.as_u16(), 303);
        assert_eq!(app.get_as("/api/staff_viewer", Some(&cookie)).await.status.as_u16(), 401);
        // From another site: refused before anything happens.
        let cross = app.post_form("/gestion", &[("formulaire", "connexion-gestion"), ("email", "x@y.fr"), ("password", "x"), ("code", "1")], None, &[("origin", "http://evil.example")]).await;
        assert_eq!(cross.status.as_u16(), 403);
    }

    async fn candidates_are_found_without_accents_or_case_within_the_members_academies(app) {
        let versailles = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.public_id;
        let cookie = active_account(&app, "jean.talu@example.fr").await;
        let saved = register(&app, &cookie, versailles).await;
        assert_eq!(saved.status, 200, "{}", saved.body);
        let (admin, _) = enrolled_staff(&app, "admin@ac-versailles.fr", StaffRole::Administrateur, &Scope::All).await;
        assert_eq!(found(&app, &admin, json!({ "text": "talu" })).await, ["TALU Jean"]);
        assert_eq!(found(&app, &admin, json!({ "text": "TÂLU jéan" })).await, ["TALU Jean"]);
        assert_eq!(found(&app, &admin, json!({ "text": "jean.talu@EXAMPLE.fr" })).await, ["TALU Jean"]);
        let number = app.get_as(&search(json!({ "text": "talu" })), Some(&admin)).await.json()["rows"][0]["number"].as_str().unwrap().to_owned();
        assert_eq!(found(&app, &admin, json!({ "text": number })).await, ["TALU Jean"]);
        assert!(found(&app, &admin, json!({ "text": "dupont" })).await.is_empty());
        assert_eq!(found(&app, &admin, json!({ "academy": "VERSAILLES", "status": "Registered" })).await, ["TALU Jean"]);
        assert!(found(&app, &admin, json!({ "status": "Unregistered" })).await.is_empty());

        // A gestionnaire of Aix-Marseille sees nothing of Versailles, even when asking for it.
        let (aix, _) = enrolled_staff(&app, "gestion@ac-aix-marseille.fr", StaffRole::Gestionnaire, &Scope::of_codes(["AIX-MARSEILLE"])).await;
        assert!(found(&app, &aix, json!({ "text": "talu" })).await.is_empty());
        assert!(found(&app, &aix, json!({ "academy": "VERSAILLES" })).await.is_empty());
        let lists = app.get_as(&search(json!({})), Some(&aix)).await.json();
        let academies: Vec<&str> = lists["academies"].as_array().unwrap().iter().map(|a| a["code"].as_str().unwrap()).collect();
        assert_eq!(academies, ["AIX-MARSEILLE"]);
        // …and one of Versailles does.
        let (ver, _) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        assert_eq!(found(&app, &ver, json!({ "text": "talu" })).await, ["TALU Jean"]);
    }
}

/// The dossier of candidature `id` as `cookie`'s member sees it.
pub async fn dossier(app: &TestApp, cookie: &str, id: &str) -> Reply {
    app.get_as(
        &format!("/api/staff_dossier?candidature={id}"),
        Some(cookie),
    )
    .await
}

/// "Désinscrire" (a reason) or "Réinscrire" (`None`), with the revision the page saw.
async fn set_status(
    app: &TestApp,
    cookie: &str,
    id: &str,
    revision: &str,
    reason: Option<&str>,
) -> Reply {
    let change = json!({ "change": {
        "candidature": id,
        "revision": revision,
        "unregister": reason.is_some(),
        "reason": reason.unwrap_or_default(),
    }});
    app.call("staff_candidature_status", change, Some(cookie))
        .await
}

on_both_databases! {
    async fn a_dossier_is_unregistered_with_a_reason_seen_by_the_candidate_and_undone_by_an_administrator(app) {
        // A clock with nanoseconds, as a real one: SQLite keeps them, PostgreSQL does not.
        app.state.clock.advance(chrono::Duration::nanoseconds(123_456_789));
        let versailles = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.public_id;
        let candidate = active_account(&app, "jean.talu@example.fr").await;
        let saved = register(&app, &candidate, versailles).await;
        let id = saved.json()["id"].as_str().unwrap().to_owned();
        let (gestion, _) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        let (aix, _) = enrolled_staff(&app, "gestion@ac-aix-marseille.fr", StaffRole::Gestionnaire, &Scope::of_codes(["AIX-MARSEILLE"])).await;

        // The dossier: identity, the candidature with version n°1 and its document, the mails.
        let opened = dossier(&app, &gestion, &id).await;
        assert_eq!(opened.status, 200, "{}", opened.body);
        let d = opened.json();
        assert_eq!(d["name"], "TALU Jean");
        let c = &d["candidatures"][0];
        assert_eq!(c["registered"], true);
        assert_eq!(c["versions"][0]["version"], 1);
        assert!(c["documents"].as_array().unwrap().iter().any(|d| d["title"].as_str().unwrap().starts_with("Récapitulatif d'inscription Version n°1")), "{c}");
        assert!(d["mails"].as_array().unwrap().iter().any(|m| m["subject"].as_str().unwrap().starts_with("Inscription enregistrée")));
        let revision = c["revision"].as_str().unwrap().to_owned();
        let document = c["documents"][0]["id"].as_str().unwrap().to_owned();

        // Another académie's gestionnaire: as if it did not exist, dossier and document alike.
        assert_eq!(dossier(&app, &aix, &id).await.status.as_u16(), 404);
        assert_eq!(dossier(&app, &aix, &uuid::Uuid::new_v4().to_string()).await.status.as_u16(), 404);
        let (status, _, _) = app.get_bytes(&format!("/gestion/documents/{document}"), Some(&aix)).await;
        assert_eq!(status.as_u16(), 404);
        let refused = set_status(&app, &aix, &id, &revision, Some("Pas chez nous")).await;
        assert_eq!(refused.status.as_u16(), 404);
        // The candidate's session opens no staff document.
        let (status, headers, _) = app.get_bytes(&format!("/gestion/documents/{document}"), Some(&candidate)).await;
        assert!(status.is_redirection(), "{status}");
        assert_eq!(headers["location"], "/gestion");
        // The gestionnaire of Versailles opens it.
        let (status, headers, pdf) = app.get_bytes(&format!("/gestion/documents/{document}"), Some(&gestion)).await;
        assert_eq!(status, 200);
        assert_eq!(headers["content-type"], "application/pdf");
        assert!(pdf.starts_with(b"%PDF"));

        // No reason: refused beside its field.
        let empty = set_status(&app, &gestion, &id, &revision, Some("  ")).await;
        assert_eq!(empty.fields(), ["reason"]);
        // Two members at once: the first wins, the second is told who and when.
        let (admin, _) = enrolled_staff(&app, "admin@ac-versailles.fr", StaffRole::Administrateur, &Scope::All).await;
        let first = set_status(&app, &gestion, &id, &revision, Some("Candidature en double.")).await;
        assert_eq!(first.status, 200, "{}", first.body);
        let second = set_status(&app, &admin, &id, &revision, Some("Autre motif")).await;
        assert_eq!((second.status.as_u16(), second.code().as_deref()), (409, Some("changed_meanwhile")));
        assert_eq!(second.json()["detail"]["by"], "gestion@ac-versailles.fr");

        // The candidate no longer sees it, nor its documents; they got the reason by mail.
        let mine = app.get_as("/api/my_candidatures", Some(&candidate)).await.json();
        assert!(mine["candidatures"].as_array().unwrap().is_empty(), "{mine}");
        let (status, _, _) = app.get_bytes(&format!("/documents/{document}"), Some(&candidate)).await;
        assert_eq!(status.as_u16(), 404);
        let mail = app.mail.wait_for("jean.talu@example.fr", 3).await.pop().unwrap();
        assert!(mail.subject().starts_with("Désinscription"), "{}", mail.subject());
        assert!(mail.text().contains("Motif : Candidature en double."), "{}", mail.text());
        // Staff still see it, désinscrite, with the journal's row.
        let after = dossier(&app, &admin, &id).await.json();
        let c = &after["candidatures"][0];
        assert_eq!(c["registered"], false);
        assert_eq!(c["can_reinstate"], true);
        assert_eq!(after["journal"][0]["action"], "candidature.desinscription");
        assert!(after["journal"][0]["after"].as_str().unwrap().contains("Candidature en double."));
        assert_eq!(found(&app, &admin, json!({ "status": "Unregistered" })).await, ["TALU Jean"]);

        // Réinscrire: an administrator's, not a gestionnaire's.
        let revision = c["revision"].as_str().unwrap().to_owned();
        assert_eq!(set_status(&app, &gestion, &id, &revision, None).await.status.as_u16(), 403);
        let undone = set_status(&app, &admin, &id, &revision, None).await;
        assert_eq!(undone.status, 200, "{}", undone.body);
        let mine = app.get_as("/api/my_candidatures", Some(&candidate)).await.json();
        assert_eq!(mine["candidatures"].as_array().unwrap().len(), 1);
    }
}

on_both_databases! {
    async fn the_export_holds_the_selection_for_french_spreadsheets_and_is_journaled(app) {
        let versailles = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.public_id;
        let candidate = active_account(&app, "jean.talu@example.fr").await;
        assert_eq!(register(&app, &candidate, versailles).await.status, 200);
        let (gestion, _) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        let (aix, _) = enrolled_staff(&app, "gestion@ac-aix-marseille.fr", StaffRole::Gestionnaire, &Scope::of_codes(["AIX-MARSEILLE"])).await;

        let (status, headers, body) = app.get_bytes("/gestion/candidats.csv?q=t%C3%A2lu", Some(&gestion)).await;
        assert_eq!(status, 200);
        assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
        assert!(headers["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"candidats-"));
        assert_eq!(headers["cache-control"], "private, no-store");
        let text = String::from_utf8(body).unwrap();
        assert!(text.starts_with('\u{feff}'), "a byte order mark first");
        let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 2, "{text}");
        let header: Vec<&str> = lines[0].trim_start_matches('\u{feff}').split(';').collect();
        let row: Vec<&str> = lines[1].split(';').collect();
        assert_eq!(header.len(), row.len());
        let at = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
        assert_eq!(at("Nom de famille"), "TALU");
        assert_eq!(at("Prénoms"), "Jean");
        assert_eq!(at("N° inscription"), "001");
        assert_eq!(at("Adresse mail"), "jean.talu@example.fr");
        assert_eq!(at("Téléphone"), "0123456789");
        assert_eq!(at("Date de naissance"), "01/01/2002");
        assert_eq!(at("Statut"), "inscrite");
        assert_eq!(at("Version"), "1");

        // Another académie's member: the header alone.
        let (_, _, body) = app.get_bytes("/gestion/candidats.csv", Some(&aix)).await;
        assert_eq!(String::from_utf8(body).unwrap().trim_end().lines().count(), 1);
        // A candidate or a visitor: the Espace gestionnaire's sign-in, no file.
        let (status, headers, _) = app.get_bytes("/gestion/candidats.csv", Some(&candidate)).await;
        assert!(status.is_redirection());
        assert_eq!(headers["location"], "/gestion");
        // Each export is a journal row naming the search.
        let rows = app::server::entities::journal_entry::Entity::find()
            .filter(app::server::entities::journal_entry::Column::Action.eq("candidats.export"))
            .all(&app.state.db)
            .await
            .unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].after.as_deref().unwrap().contains("q=t%C3%A2lu"), "{:?}", rows[0].after);
    }
}

on_both_databases! {
    async fn an_administrator_invites_by_mail_within_their_academies_and_disabling_ends_sessions(app) {
        let (admin, _) = enrolled_staff(&app, "admin@ac-versailles.fr", StaffRole::Administrateur, &Scope::of_codes(["VERSAILLES"])).await;
        let invite = |email: &str, role: &str, academies: Vec<&str>| json!({ "form": { "email": email, "role": role, "academies": academies } });
        // A gestionnaire has no "Personnels".
        let (gestion, _) = enrolled_staff(&app, "gestion@ac-versailles.fr", StaffRole::Gestionnaire, &Scope::of_codes(["VERSAILLES"])).await;
        assert_eq!(app.get_as("/api/staff_members", Some(&gestion)).await.status.as_u16(), 403);
        assert_eq!(app.call("staff_invite", invite("x@ac-versailles.fr", "gestionnaire", vec!["VERSAILLES"]), Some(&gestion)).await.status.as_u16(), 403);
        // An administrator of Versailles grants Versailles only, never all académies.
        let beyond = app.call("staff_invite", invite("autre@ac-versailles.fr", "gestionnaire", vec!["AIX-MARSEILLE"]), Some(&admin)).await;
        assert_eq!(beyond.fields(), ["academies"]);
        let all = app.call("staff_invite", invite("autre@ac-versailles.fr", "gestionnaire", vec![]), Some(&admin)).await;
        assert_eq!(all.fields(), ["academies"]);
        let bad = app.call("staff_invite", invite("pas une adresse", "chef", vec!["VERSAILLES"]), Some(&admin)).await;
        assert_eq!(bad.fields(), ["email", "role"]);
        let taken = app.call("staff_invite", invite("gestion@ac-versailles.fr", "gestionnaire", vec!["VERSAILLES"]), Some(&admin)).await;
        assert_eq!(taken.fields(), ["email"]);

        // The invitation: a mail with the one-time link, which enrols the new member.
        let sent = app.call("staff_invite", invite("nouveau@ac-versailles.fr", "gestionnaire", vec!["VERSAILLES"]), Some(&admin)).await;
        assert_eq!(sent.status, 200, "{}", sent.body);
        let mail = app.mail.wait_for("nouveau@ac-versailles.fr", 1).await.pop().unwrap();
        assert_eq!(mail.subject(), "[CYCLADES] Votre accès à l'Espace gestionnaire");
        let token = mail.token("/gestion/inscription").expect("an enrolment link");
        let opened = app.call("staff_enrolment", json!({ "token": token }), None).await;
        assert_eq!(opened.status, 200, "{}", opened.body);
        let secret = opened.json()["secret"].as_str().unwrap().to_owned();
        let form = json!({ "password": PASSWORD, "password_confirm": PASSWORD, "code": code_at(&app, &secret) });
        let enrolled = app.call("staff_enrol", json!({ "token": token, "form": form }), None).await;
        assert_eq!(enrolled.status, 200, "{}", enrolled.body);
        let newcomer = enrolled.cookie().unwrap();

        // The list: the members of Versailles, the administrator marked as themselves.
        let list = app.get_as("/api/staff_members", Some(&admin)).await.json();
        let emails: Vec<&str> = list["members"].as_array().unwrap().iter().map(|m| m["email"].as_str().unwrap()).collect();
        assert_eq!(emails, ["admin@ac-versailles.fr", "gestion@ac-versailles.fr", "nouveau@ac-versailles.fr"]);
        let id = list["members"][2]["id"].as_str().unwrap().to_owned();
        let me = list["members"][0]["id"].as_str().unwrap().to_owned();
        // Not themselves, and not a member beyond their académies.
        let change = |id: &str, action: serde_json::Value| json!({ "change": { "id": id, "action": action } });
        assert_eq!(app.call("staff_change", change(&me, json!("Disable")), Some(&admin)).await.status.as_u16(), 404);
        let (_, _) = enrolled_staff(&app, "gestion@ac-aix-marseille.fr", StaffRole::Gestionnaire, &Scope::of_codes(["AIX-MARSEILLE"])).await;
        let everyone = app::server::entities::staff_member::Entity::find().all(&app.state.db).await.unwrap();
        let aix = everyone.iter().find(|m| m.email == "gestion@ac-aix-marseille.fr").unwrap().id.to_string();
        assert_eq!(app.call("staff_change", change(&aix, json!("Disable")), Some(&admin)).await.status.as_u16(), 404);

        // A new role ends the member's sessions; so does disabling, for good.
        let granted = app.call("staff_change", change(&id, json!({ "Grant": { "role": "administrateur", "academies": ["VERSAILLES"] } })), Some(&admin)).await;
        assert_eq!(granted.status, 200, "{}", granted.body);
        assert_eq!(app.get_as("/api/staff_viewer", Some(&newcomer)).await.status.as_u16(), 401);
        let reset = app.call("staff_change", change(&id, json!("ResetFactor")), Some(&admin)).await;
        assert_eq!(reset.status, 200, "{}", reset.body);
        let mail = app.mail.wait_for("nouveau@ac-versailles.fr", 2).await.pop().unwrap();
        assert!(mail.token("/gestion/inscription").is_some());
        let disabled = app.call("staff_change", change(&id, json!("Disable")), Some(&admin)).await;
        assert_eq!(disabled.status, 200, "{}", disabled.body);
        let list = app.get_as("/api/staff_members", Some(&admin)).await.json();
        assert!(list["members"][2]["state"].as_str().unwrap().starts_with("Désactivé le"));

        // Every change is in the Journal, which administrators filter and export.
        let journal = app.get_as("/api/staff_journal?query%5Baction%5D=personnel.&query%5Bwho%5D=admin%40ac-versailles", Some(&admin)).await;
        assert_eq!(journal.status, 200, "{}", journal.body);
        let rows = journal.json();
        let actions: Vec<&str> = rows["rows"].as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["personnel.desactivation", "personnel.reinitialisation_facteur", "personnel.habilitation", "personnel.ajout", "personnel.enrolement"]);
        assert_eq!(app.get_as("/api/staff_journal", Some(&gestion)).await.status.as_u16(), 403);
        let bad_date = app.get_as("/api/staff_journal?query%5Bfrom%5D=31%2F02%2F2026", Some(&admin)).await;
        assert_eq!(bad_date.fields(), ["from"]);
        let (status, headers, body) = app.get_bytes("/gestion/journal.csv?action=personnel.habilitation", Some(&admin)).await;
        assert_eq!(status, 200);
        assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
        let text = String::from_utf8(body).unwrap();
        assert!(text.starts_with("\u{feff}N°;Date (heure de Paris);Par"), "{text}");
        assert_eq!(text.trim_end().split("\r\n").count(), 2, "{text}");
        assert!(text.contains("admin@ac-versailles.fr;"), "{text}");
        let (status, _, _) = app.get_bytes("/gestion/journal.csv", Some(&gestion)).await;
        assert_eq!(status.as_u16(), 403);
    }
}

on_both_databases! {
    async fn another_academies_candidatures_answer_exactly_as_ids_that_do_not_exist(app) {
        // Candidatures in Versailles, and a gestionnaire of Aix-Marseille.
        let versailles = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await.public_id;
        let mut theirs = Vec::new();
        for n in 0..3 {
            let cookie = active_account(&app, &format!("candidat{n}@example.fr")).await;
            let saved = register(&app, &cookie, versailles).await;
            theirs.push(saved.json()["id"].as_str().unwrap().to_owned());
        }
        let documents: Vec<String> = app::server::entities::document::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .into_iter()
            .map(|d| d.id.to_string())
            .collect();
        let (aix, _) = enrolled_staff(&app, "gestion@ac-aix-marseille.fr", StaffRole::Gestionnaire, &Scope::of_codes(["AIX-MARSEILLE"])).await;
        // Each request the back-office makes with an id, as one answer (status and body).
        let answers = |id: String| {
            let (app, aix) = (&app, aix.clone());
            async move {
                let dossier = dossier(app, &aix, &id).await;
                let status = set_status(app, &aix, &id, "2026-11-29T09:00:00Z", Some("motif")).await;
                let (pdf, _, body) = app.get_bytes(&format!("/gestion/documents/{id}"), Some(&aix)).await;
                (dossier.status.as_u16(), dossier.body, status.status.as_u16(), status.body, pdf.as_u16(), body)
            }
        };
        // Ids of another académie, and random ids that exist nowhere: the same answers.
        let nowhere = answers(uuid::Uuid::new_v4().to_string()).await;
        assert_eq!((nowhere.0, nowhere.2, nowhere.4), (404, 404, 404));
        for id in theirs.iter().chain(documents.iter()) {
            assert_eq!(answers(id.clone()).await, nowhere, "{id}");
        }
        for _ in 0..20 {
            assert_eq!(answers(uuid::Uuid::new_v4().to_string()).await, nowhere);
        }
        // Nothing of theirs in the search either, whatever is asked.
        for text in ["", "talu", "candidat1", "example.fr"] {
            assert!(found(&app, &aix, json!({ "text": text })).await.is_empty(), "{text}");
        }
    }
}
