//! Tab 3 "Situation actuelle" (R5): Corps, Statut, Position administrative, and the place
//! of work or training. In France: Département, then Localité, then Etablissement ou
//! service, each list narrowed by the one before (UAI codes from the reference data).
//! Abroad: the locality and the establishment's name, typed.

use crate::api::registration::{etablissements, work_localities};
use crate::components::form::{FieldBinding, SelectField, TextField};
use crate::components::remote_options::{remote_options, saved_option};
use crate::domain::account::FRANCE;
use crate::domain::registration::field;
use crate::model::Tab;
use crate::pages::registration::context::WizardContext;
use leptos::prelude::*;

#[component]
pub fn SituationTab() -> impl IntoView {
    let ctx = WizardContext::get();
    let state = ctx.form;
    let lists = ctx.data.with_value(|w| w.lists.clone());
    let in_france = Memo::new(move |_| state.values.with(|f| f.work_country == FRANCE));
    let departement = Memo::new(move |_| state.values.with(|f| f.work_departement.clone()));
    let locality = Memo::new(move |_| state.values.with(|f| f.work_locality.clone()));
    let (first_places, first_etabs) = state.values.with_untracked(|f| {
        (
            saved_option(&f.work_locality, &f.work_locality),
            saved_option(&f.etablissement, &ctx.etablissement_label.get_untracked()),
        )
    });
    let places = remote_options(
        move || {
            let d = departement.get();
            (in_france.get() && !d.is_empty()).then_some(d)
        },
        work_localities,
        first_places,
    );
    let etabs = remote_options(
        move || {
            let (d, l) = (departement.get(), locality.get());
            (in_france.get() && !d.is_empty() && !l.is_empty()).then_some((d, l))
        },
        |(d, l)| etablissements(d, l),
        first_etabs,
    );
    // The récapitulatif's words for the établissement chosen.
    Effect::new(move |_| {
        let uai = state.values.with(|f| f.etablissement.clone());
        if let Some(o) = etabs.with(|list| list.iter().find(|o| o.code == uai).cloned()) {
            ctx.etablissement_label.set(format!(
                "{} {} ({})",
                o.label,
                locality.get_untracked(),
                departement.get_untracked()
            ));
        }
    });
    // A choice higher up empties the choices below it.
    let clearing = |name: &'static str, below: &'static [&'static str]| {
        let bound = state.bind(name);
        FieldBinding {
            set: Callback::new(move |value: String| {
                state.values.update(|f| {
                    use crate::components::form::FormFields;
                    f.set(name, value);
                    for b in below {
                        f.set(b, String::new());
                    }
                });
            }),
            ..bound
        }
    };
    let country = clearing(
        field::WORK_COUNTRY,
        &[
            field::WORK_DEPARTEMENT,
            field::WORK_LOCALITY,
            field::ETABLISSEMENT,
        ],
    );
    let dept = clearing(
        field::WORK_DEPARTEMENT,
        &[field::WORK_LOCALITY, field::ETABLISSEMENT],
    );
    let place = clearing(field::WORK_LOCALITY, &[field::ETABLISSEMENT]);
    let departements = lists.departements.clone();
    let no_etab =
        move || in_france.get() && !locality.get().is_empty() && etabs.with(Vec::is_empty);
    view! {
        <h2 id=format!("{}-titre", Tab::Situation.slug()) tabindex="-1">"Situation actuelle"</h2>
        <fieldset class="fieldset">
            <legend>"Informations Ressources Humaines"</legend>
            <SelectField field=state.bind(field::CORPS) label="Corps" required=true options=lists.corps.clone() />
            <SelectField field=state.bind(field::STATUT) label="Statut" required=true options=lists.statuts.clone() />
            <SelectField
                field=state.bind(field::POSITION)
                label="Position administrative"
                required=true
                options=lists.positions.clone()
            />
        </fieldset>
        <fieldset class="fieldset">
            <legend>"Lieu d'exercice ou de formation"</legend>
            <SelectField field=country label="Pays" required=true options=lists.countries.clone() />
            {move || if in_france.get() {
                view! {
                    <SelectField field=dept label="Département" required=true options=departements.clone() />
                    <SelectField field=place label="Localité" required=true options=places />
                    <SelectField
                        field=state.bind(field::ETABLISSEMENT)
                        label="Etablissement ou service"
                        required=true
                        options=etabs
                    />
                    <Show when=no_etab>
                        <p class="notice" role="status">
                            "Aucun établissement ou service n'est connu dans cette localité : choisissez-en une autre ou contactez le service gestionnaire."
                        </p>
                    </Show>
                }
                .into_any()
            } else {
                view! {
                    <TextField field=state.bind(field::WORK_LOCALITY) label="Localité" required=true />
                    <TextField field=state.bind(field::ETABLISSEMENT) label="Etablissement ou service" required=true />
                }
                .into_any()
            }}
        </fieldset>
    }
}
