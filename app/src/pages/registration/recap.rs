//! "Récapitulatif" (R7): everything entered, read-only, in the guide's sections; the same
//! component is printed by "Visualiser/imprimer" and shows a saved candidature.

use super::epreuves::epreuve_line;
use super::identification::ReadOnly;
use super::wizard::WizardContext;
use crate::model::{EpreuveKind, ListOption, RegistrationForm, Wizard};
use leptos::prelude::*;

fn label(list: &[ListOption], code: &str) -> String {
    list.iter()
        .find(|o| o.code == code)
        .map_or_else(|| code.to_owned(), |o| o.label.clone())
}

/// "Rue de la pluie 78270 BLARU FRANCE (DONT OUTRE-MER)".
fn address_line(w: &Wizard, f: &RegistrationForm) -> String {
    [
        f.address_1.as_str(),
        &f.address_2,
        &f.address_3,
        &f.address_4,
        &f.postal_code,
        &f.locality,
        &label(&w.lists.countries, &f.address_country),
    ]
    .iter()
    .map(|p| p.trim())
    .filter(|p| !p.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

#[component]
pub fn Recap() -> impl IntoView {
    let ctx = WizardContext::get();
    let saved = move || {
        ctx.saved
            .get()
            .or_else(|| ctx.data.with_value(|w| w.saved.clone()))
    };
    move || {
        let f = ctx.form.values.get();
        let etablissement = ctx.etablissement_label.get();
        ctx.data.with_value(|w| {
            let o = &w.offer;
            let i = &w.identity;
            let chosen: Vec<String> = w
                .epreuves
                .epreuves
                .iter()
                .filter(|e| e.kind != EpreuveKind::Mandatory && f.epreuves.contains(&e.code))
                .map(epreuve_line)
                .collect();
            let mandatory: Vec<String> = w
                .epreuves
                .epreuves
                .iter()
                .filter(|e| e.kind == EpreuveKind::Mandatory)
                .map(epreuve_line)
                .collect();
            // In France the établissement's reference line; abroad the name typed.
            let workplace = if f.work_country != crate::domain::account::FRANCE || etablissement.is_empty() {
                format!("{} {}", f.etablissement, f.work_locality)
            } else {
                etablissement
            };
            view! {
                <div class="recap">
                    {saved().map(|s| view! {
                        <dl class="readonly">
                            <ReadOnly label="N° candidat :" value=s.candidate_number.clone() />
                            <ReadOnly label="N° inscription :" value=s.registration_number.clone() />
                            <ReadOnly label="Version :" value=s.version_label() />
                        </dl>
                    })}
                    <h3>"Qualification présentée"</h3>
                    <dl class="readonly">
                        <ReadOnly label=if o.domain_code == "G01" { "Examen :" } else { "Certification :" } value=o.exam_label.clone() />
                        <ReadOnly label="Secteur Disciplinaire :" value=o.speciality_label.clone() />
                        <ReadOnly label="Académie :" value=o.academy_label.clone() />
                        <ReadOnly label="Session :" value=o.session_year.to_string() />
                    </dl>
                    <h3>"Identification du candidat"</h3>
                    <dl class="readonly">
                        <ReadOnly label="Civilité :" value=i.civility.clone() />
                        <ReadOnly label="Nom de famille :" value=i.birth_name.clone() />
                        <ReadOnly label="Nom de naissance :" value=i.birth_name.clone() />
                        <ReadOnly label="Nom d'usage :" value=i.usage_name.clone() />
                        <ReadOnly label="Prénoms :" value=i.first_names.clone() />
                        <ReadOnly label="Date de naissance :" value=i.birth_date.clone() />
                        <ReadOnly label="Commune de naissance :" value=i.birth_commune.clone() />
                        <ReadOnly label="Département, DOM ou COM de naissance :" value=i.birth_departement.clone() />
                        <ReadOnly label="Pays de naissance :" value=i.birth_country.clone() />
                        <ReadOnly label="Nationalité :" value=label(&w.lists.nationalities, &f.nationality) />
                    </dl>
                    <h3>"Adresse et contact"</h3>
                    <dl class="readonly">
                        <ReadOnly label="Adresse :" value=address_line(w, &f) />
                        <ReadOnly
                            label="Téléphone personnel :"
                            value=crate::domain::Phone::parse(&f.phone).map_or_else(|_| f.phone.clone(), |p| p.to_string())
                        />
                        <ReadOnly label="Adresse mail :" value=i.email.clone() />
                    </dl>
                    <h3>"Informations Ressources Humaines"</h3>
                    <dl class="readonly">
                        <ReadOnly label="Corps :" value=label(&w.lists.corps, &f.corps) />
                        <ReadOnly label="Statut :" value=label(&w.lists.statuts, &f.statut) />
                        <ReadOnly label="Position administrative :" value=label(&w.lists.positions, &f.position) />
                    </dl>
                    <h3>"Lieu d'exercice ou de formation"</h3>
                    <dl class="readonly">
                        <ReadOnly label="Pays :" value=label(&w.lists.countries, &f.work_country) />
                        <ReadOnly label="Etablissement ou service :" value=workplace />
                    </dl>
                    <h3>"Epreuves"</h3>
                    <dl class="readonly">
                        <dt>"Epreuve(s) obligatoire(s) :"</dt>
                        <dd>{if mandatory.is_empty() { "-".to_owned() } else { mandatory.join(" ; ") }}</dd>
                        <dt>"Epreuve(s) choisie(s) :"</dt>
                        <dd>{if chosen.is_empty() { "Aucune".to_owned() } else { chosen.join(" ; ") }}</dd>
                    </dl>
                    <h3>"Service gestionnaire"</h3>
                    <p>
                        {o.service.name.clone()} " - " {o.service.phone.clone()} " - " {o.service.email.clone()}
                    </p>
                </div>
            }
        })
    }
}
