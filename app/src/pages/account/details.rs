//! The identity fields of "Créez votre compte", reused by "Modifier mon compte" (A1, A6).

use crate::api::account::commune_suggestions;
use crate::components::form::{FormState, SelectField, TextField};
use crate::domain::account::{Civility, FRANCE, field};
use crate::model::{AccountForm, AccountFormLists, ListOption};
use leptos::prelude::*;

/// Civilité … Commune de naissance, in the guide's order and words. `locked` greys them.
#[component]
pub fn IdentityFields(
    state: FormState<AccountForm>,
    lists: AccountFormLists,
    #[prop(optional, into)] locked: Signal<bool>,
) -> impl IntoView {
    let civilities: Vec<ListOption> = Civility::ALL
        .iter()
        .map(|c| ListOption {
            code: c.as_str().into(),
            label: c.as_str().into(),
        })
        .collect();
    let born_in_france = Memo::new(move |_| state.values.with(|v| v.birth_country == FRANCE));
    // Until the client runs (and without it) the département is shown whatever the country:
    // the form posted by the browser itself must be able to carry it.
    let enhanced = RwSignal::new(false);
    Effect::new(move |_| enhanced.set(true));
    // Suggestions from INSEE's list once two letters are typed, for a birth in France.
    let typed = Memo::new(move |_| {
        state.values.with(|v| {
            (v.birth_country == FRANCE && v.birth_commune.trim().chars().count() >= 2).then(|| {
                (
                    v.birth_departement.clone(),
                    v.birth_commune.trim().to_owned(),
                )
            })
        })
    });
    // Asked by the browser only, and only for what the candidate types: never rendered by
    // the server. (A resource serialized for hydration here, inside the page's suspended
    // content, was read back under another id on some loads: the server's options met an
    // empty list and hydration trapped, issue 11.)
    let shown = typed.get_untracked();
    let suggestions = LocalResource::new(move || {
        let key = typed.get();
        let fresh = key != shown;
        async move {
            match key {
                Some((dep, text)) if fresh && !dep.is_empty() => {
                    commune_suggestions(dep, text).await.unwrap_or_default()
                }
                _ => Vec::new(),
            }
        }
    });
    view! {
        <SelectField field=state.bind(field::CIVILITY) label="Civilité" required=true options=civilities disabled=locked />
        <TextField
            field=state.bind(field::BIRTH_NAME)
            label="Nom de famille"
            note="(Nom de naissance)"
            required=true
            autocomplete="family-name"
            disabled=locked
        />
        <TextField field=state.bind(field::BIRTH_NAME_CONFIRM) label="Confirmation du nom" required=true disabled=locked />
        <TextField
            field=state.bind(field::USAGE_NAME)
            label="Nom d'usage"
            note="(Nom marital par exemple)"
            disabled=locked
        />
        <TextField field=state.bind(field::FIRST_NAMES) label="Prénoms" required=true autocomplete="given-name" disabled=locked />
        <SelectField
            field=state.bind(field::BIRTH_COUNTRY)
            label="Pays de naissance"
            required=true
            options=lists.countries
            disabled=locked
        />
        <TextField
            field=state.bind(field::BIRTH_DATE)
            label="Date de naissance"
            required=true
            hint="Exemple: 30/05/1998"
            autocomplete="bday"
            inputmode="numeric"
            disabled=locked
        />
        <TextField
            field=state.bind(field::BIRTH_DATE_CONFIRM)
            label="Confirmation date de naissance"
            required=true
            inputmode="numeric"
            disabled=locked
        />
        <Show when=move || born_in_france.get() || !enhanced.get()>
            <SelectField
                field=state.bind(field::BIRTH_DEPARTEMENT)
                label="Département, DOM ou COM de naissance"
                required=true
                options=lists.departements.clone()
                disabled=locked
            />
        </Show>
        <TextField
            field=state.bind(field::BIRTH_COMMUNE)
            label="Commune de naissance"
            required=true
            list="communes-suggerees"
            disabled=locked
        />
        <datalist id="communes-suggerees">
            <Transition>
                {move || {
                    suggestions
                        .get()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|c| view! { <option value=c></option> })
                        .collect_view()
                }}
            </Transition>
        </datalist>
    }
}
