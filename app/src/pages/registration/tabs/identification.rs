//! Tab 1 "Identification" (R3): the account's identity, greyed (it changes only in
//! "Modifier mon compte" before a first candidature); the address, nationality and phone
//! the candidate fills; the account's email; the "informatique et libertés" notice.

use crate::api::registration::postal_localities;
use crate::components::form::{SelectField, TextField};
use crate::components::remote_options::{remote_options, saved_option};
use crate::domain::PostalCode;
use crate::domain::account::FRANCE;
use crate::domain::registration::field;
use crate::model::{ListOption, Tab};
use crate::pages::registration::context::WizardContext;
use leptos::prelude::*;

/// A greyed line of the identity.
#[component]
pub fn ReadOnly(label: &'static str, value: String) -> impl IntoView {
    view! {
        <dt>{label}</dt>
        <dd>{if value.is_empty() { "-".to_owned() } else { value }}</dd>
    }
}

/// Label and value lines of a récapitulatif section.
#[component]
pub fn RecapRows(rows: Vec<crate::model::recap::RecapRow>) -> impl IntoView {
    rows.into_iter()
        .map(|r| {
            view! {
                <dt>{r.label}</dt>
                <dd>{if r.value.is_empty() { "-".to_owned() } else { r.value }}</dd>
            }
        })
        .collect_view()
}

#[component]
pub fn IdentificationTab() -> impl IntoView {
    let ctx = WizardContext::get();
    let state = ctx.form;
    let (identity, lists, prefilled_from) = ctx.data.with_value(|w| {
        (
            w.identity.clone(),
            w.lists.clone(),
            w.prefilled_from.clone(),
        )
    });
    let in_france = Memo::new(move |_| state.values.with(|f| f.address_country == FRANCE));
    let first = state
        .values
        .with_untracked(|f| saved_option(&f.locality, &f.locality));
    // Only a change of the postal code (or of the country) fetches the localities again.
    let postal_code = Memo::new(move |_| {
        let code = state.values.with(|f| PostalCode::french(&f.postal_code));
        code.ok()
            .filter(|_| in_france.get())
            .map(PostalCode::into_string)
    });
    let localities = remote_options(
        move || postal_code.get(),
        |code| async move {
            postal_localities(code).await.map(|names| {
                names
                    .into_iter()
                    .map(|n| ListOption {
                        code: n.clone(),
                        label: n,
                    })
                    .collect()
            })
        },
        first,
    );
    // A postal code that serves one locality fills it in.
    Effect::new(move |_| {
        let options = localities.get();
        if let [only] = options.as_slice() {
            let current = state.values.with_untracked(|f| f.locality.clone());
            if current != only.code {
                state.values.update(|f| f.locality = only.code.clone());
            }
        }
    });
    let countries = lists.countries.clone();
    let nationalities = lists.nationalities.clone();
    let email = identity.email.clone();
    view! {
        <h2 id=format!("{}-titre", Tab::Identification.slug()) tabindex="-1">"Identification"</h2>
        <p class="muted">
            "Les données personnelles de votre compte sont récupérées automatiquement et ne sont pas modifiables ici. "
            "Si elles sont erronées, vous pouvez les modifier via le menu « Modifier mon compte », tant que vous n'avez pas créé de candidature."
        </p>
        <fieldset class="fieldset">
            <legend>"Identité"</legend>
            <dl class="readonly">
                <RecapRows rows=crate::model::recap::identity_rows(&identity) />
            </dl>
        </fieldset>
        {prefilled_from.map(|exam| view! {
            <p class="notice" role="note">
                {format!("Votre adresse, votre téléphone et votre situation actuelle sont repris de votre inscription « {exam} » : vérifiez-les et modifiez-les si besoin.")}
            </p>
        })}
        <fieldset class="fieldset">
            <legend>"Adresse"</legend>
            <SelectField field=state.bind(field::ADDRESS_COUNTRY) label="Pays" required=true options=countries />
            <TextField field=state.bind(field::ADDRESS_1) label="Adresse 1" required=true autocomplete="address-line1" />
            <TextField field=state.bind(field::ADDRESS_2) label="Adresse 2" autocomplete="address-line2" />
            <TextField field=state.bind(field::ADDRESS_3) label="Adresse 3" autocomplete="address-line3" />
            <TextField field=state.bind(field::ADDRESS_4) label="Adresse 4" />
            <TextField
                field=state.bind(field::POSTAL_CODE)
                label="Code postal"
                required=true
                autocomplete="postal-code"
                inputmode="numeric"
                hint="En France, 5 chiffres : la localité se choisit ensuite dans la liste."
            />
            {move || if in_france.get() {
                view! {
                    <SelectField field=state.bind(field::LOCALITY) label="Localité" required=true options=localities />
                }
                .into_any()
            } else {
                view! {
                    <TextField field=state.bind(field::LOCALITY) label="Localité" required=true autocomplete="address-level2" />
                }
                .into_any()
            }}
        </fieldset>
        <fieldset class="fieldset">
            <legend>"Naissance"</legend>
            <dl class="readonly">
                <ReadOnly label="Pays de naissance :" value=identity.birth_country.clone() />
                <ReadOnly label="Date de naissance :" value=identity.birth_date.clone() />
                <ReadOnly label="Département, DOM ou COM de naissance :" value=identity.birth_departement.clone() />
                <ReadOnly label="Commune de naissance :" value=identity.birth_commune.clone() />
            </dl>
            <SelectField field=state.bind(field::NATIONALITY) label="Nationalité" required=true options=nationalities />
        </fieldset>
        <fieldset class="fieldset">
            <legend>"Contacts"</legend>
            <TextField
                field=state.bind(field::PHONE)
                label="Téléphone personnel"
                required=true
                kind="tel"
                autocomplete="tel"
                hint="Par exemple 0123456789, ou +32 2 123 45 67 depuis l'étranger."
            />
            <dl class="readonly">
                <ReadOnly label="Adresse mail :" value=email />
            </dl>
        </fieldset>
        <p class="small">
            "Conformément à la « loi informatique et libertés » du 6 janvier 1978 modifiée en 2004, vous bénéficiez d'un droit d'accès et de rectification aux informations qui vous concernent : vous pouvez exercer ce droit en vous adressant au service des examens et concours de votre académie d'inscription. Vous pouvez également, pour des motifs légitimes, vous opposer au traitement des données vous concernant."
        </p>
    }
}
