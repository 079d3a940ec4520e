//! Tab 4 "Epreuves" (R6): the mandatory tests listed; the optional ones and each group "à
//! choix" chosen with the catalog's rule shown above its boxes; when there is nothing to
//! choose, the guide's message to go on.

use crate::domain::epreuve_rules::{EPREUVES, group_field, group_rule_fr, has_choices, offered_in};
use crate::model::recap::epreuve_line;
use crate::model::{EpreuveInfo, EpreuveKind, Tab};
use crate::pages::registration::context::WizardContext;
use leptos::prelude::*;

#[component]
pub fn EpreuvesTab() -> impl IntoView {
    let ctx = WizardContext::get();
    let catalog = ctx.data.with_value(|w| w.epreuves.clone());
    let mandatory: Vec<EpreuveInfo> = catalog
        .epreuves
        .iter()
        .filter(|e| e.kind == EpreuveKind::Mandatory)
        .cloned()
        .collect();
    let free: Vec<EpreuveInfo> = catalog
        .epreuves
        .iter()
        .filter(|e| e.kind != EpreuveKind::Mandatory && e.group.is_none())
        .cloned()
        .collect();
    let choices = has_choices(&catalog);
    let general_error = move || ctx.form.error(EPREUVES);
    view! {
        <h2 id=format!("{}-titre", Tab::Epreuves.slug()) tabindex="-1">"Epreuves"</h2>
        <section aria-labelledby="epreuves-obligatoires">
            <h3 id="epreuves-obligatoires">"Epreuve(s) obligatoire(s)"</h3>
            {if mandatory.is_empty() {
                view! { <p class="muted">"Aucune épreuve obligatoire."</p> }.into_any()
            } else {
                view! {
                    <ul>{mandatory.iter().map(|e| view! { <li>{epreuve_line(e)}</li> }).collect_view()}</ul>
                }
                .into_any()
            }}
        </section>
        {if choices {
            view! {
                <p id=EPREUVES tabindex="-1" class="field__error" aria-live="polite">{general_error}</p>
                {(!free.is_empty()).then(|| view! {
                    <fieldset class="fieldset">
                        <legend>"Epreuve(s) facultative(s)"</legend>
                        <p class="field__hint">"Cochez les épreuves facultatives que vous souhaitez passer."</p>
                        {free.iter().map(|e| view! { <Checkbox epreuve=e.clone() /> }).collect_view()}
                    </fieldset>
                })}
                {catalog.groups.iter().map(|g| {
                    let name = group_field(&g.code);
                    let rule = group_rule_fr(g, offered_in(&catalog, &g.code));
                    let members: Vec<EpreuveInfo> = catalog
                        .epreuves
                        .iter()
                        .filter(|e| e.group.as_deref() == Some(g.code.as_str()))
                        .cloned()
                        .collect();
                    let error_name = name.clone();
                    let error = move || ctx.form.error(&error_name);
                    view! {
                        <fieldset
                            class="fieldset"
                            id=name.clone()
                            tabindex="-1"
                            aria-describedby=format!("{name}-regle {name}-erreur")
                        >
                            <legend>{g.label.clone()}</legend>
                            <p class="field__hint" id=format!("{name}-regle")>{rule}</p>
                            {members.into_iter().map(|e| view! { <Checkbox epreuve=e /> }).collect_view()}
                            <p class="field__error" id=format!("{name}-erreur") aria-live="polite">{error}</p>
                        </fieldset>
                    }
                }).collect_view()}
            }
            .into_any()
        } else {
            view! {
                <p class="notice" role="status">
                    "Il n'y a pas de choix à faire en termes d'épreuves pour cet examen ou cette certification : passez directement à l'étape suivante en cliquant sur Suivant."
                </p>
            }
            .into_any()
        }}
    }
}

/// One test to tick.
#[component]
fn Checkbox(epreuve: EpreuveInfo) -> impl IntoView {
    let ctx = WizardContext::get();
    let id = format!("epreuve-{}", epreuve.code);
    let code = epreuve.code.clone();
    let checked = {
        let code = code.clone();
        move || ctx.form.values.with(|f| f.epreuves.contains(&code))
    };
    view! {
        <div class="checkbox">
            <input
                type="checkbox"
                id=id.clone()
                name="epreuves"
                value=code.clone()
                prop:checked=checked
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    let code = code.clone();
                    ctx.form.values.update(|f| {
                        f.epreuves.retain(|c| *c != code);
                        if on {
                            f.epreuves.push(code);
                        }
                    });
                }
            />
            <label for=id>{epreuve_line(&epreuve)}</label>
        </div>
    }
}
