//! The registration wizard (R2): six tabs and the five buttons of the guide. "Suivant"
//! moves on only when the tab is valid (checked here, then by the server, which also keeps
//! the input as a draft); "Enregistrer" works on the Récapitulatif only; "Quitter" asks
//! before leaving unsaved input; "Visualiser/imprimer" prints the récapitulatif, or opens
//! the PDF of the confirmation or récapitulatif once saved (D1).

use super::context::WizardContext;
use super::navigation::{Position, resume_tab};
use super::tabs::{EpreuvesTab, IdentificationTab, NumeroTab, Recap, SituationTab};
use super::visualiser::Visualiser;
use crate::api::registration::{discard_draft, save_candidature, save_draft};
use crate::components::dialog::Modal;
use crate::components::form::{FormAlert, FormState, focus};
use crate::domain::account::Errors;
use crate::domain::registration::{check_tab, parse_answers, tab_of};
use crate::error::AppError;
use crate::model::{
    DraftInfo, DraftRequest, FieldError, RegistrationForm, SaveRequest, Tab, Wizard,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// Puts `errors` beside their fields and returns the first tab that has one.
fn first_tab(errors: &[FieldError]) -> Option<Tab> {
    errors.iter().map(|e| tab_of(&e.field)).min()
}

/// A fresh idempotency key (random UUID from the browser's `crypto.getRandomValues`, which
/// works over plain HTTP too). The nil UUID, which the server refuses, if none can be drawn.
fn new_key() -> uuid::Uuid {
    #[cfg(feature = "hydrate")]
    {
        let mut bytes = [0u8; 16];
        if leptos::prelude::window()
            .crypto()
            .and_then(|c| c.get_random_values_with_u8_array(&mut bytes))
            .is_ok()
        {
            return uuid::Builder::from_random_bytes(bytes).into_uuid();
        }
    }
    uuid::Uuid::nil()
}

#[component]
pub fn RegistrationWizard(wizard: Wizard) -> impl IntoView {
    let offer_id = wizard.offer.public_id;
    let modifying = wizard.saved.clone();
    let draft = RwSignal::new(wizard.draft.clone());
    let initial = StoredValue::new(wizard.form.clone());
    // What the server holds of the input (saved candidature or draft), for the page-leave guard.
    let last_kept = StoredValue::new(wizard.form.clone());
    let ctx = WizardContext {
        form: FormState::new(wizard.form.clone()),
        etablissement_label: RwSignal::new(wizard.labels.etablissement.clone()),
        saved: RwSignal::new(None),
        data: StoredValue::new(wizard),
    };
    provide_context(ctx);
    let state = ctx.form;
    let start = Position::start(modifying.is_some());
    let tab = RwSignal::new(start.tab);
    // The furthest tab the candidate may open from the tab bar.
    let reached = RwSignal::new(start.reached);
    let moving = RwSignal::new(false);
    // The key of the next save, with the form it was drawn for: a double click or a retry of
    // the same form reuses it (the server answers once), a changed form gets a new one.
    let key = StoredValue::new(None::<(uuid::Uuid, RegistrationForm)>);
    let quitting = RwSignal::new(false);
    let navigate = use_navigate();

    let show_tab = move |target: Tab| {
        tab.set(target);
        if target > reached.get_untracked() {
            reached.set(target);
        }
        focus(&format!("{}-titre", target.slug()));
    };

    // Tab changes: the tab left is checked (going forward) and kept as a draft.
    let go = move |target: Tab| {
        let current = tab.get_untracked();
        if target == current || moving.get_untracked() {
            return;
        }
        state.alert.set(None);
        let form = state.values.get_untracked();
        let forward = target > current;
        if forward {
            let mut errors = Errors::default();
            ctx.data
                .with_value(|w| check_tab(current, &form, &w.lists, &w.epreuves, &mut errors));
            if !errors.is_empty() {
                state.show(errors.into_vec());
                return;
            }
        }
        moving.set(true);
        spawn_local(async move {
            let sent = form.clone();
            let answer = save_draft(DraftRequest {
                offer: offer_id,
                tab: current.number(),
                form,
            })
            .await;
            // Left meanwhile (a link of the menu): the wizard and its signals are gone.
            if moving.is_disposed() {
                return;
            }
            moving.set(false);
            if answer.is_ok() {
                last_kept.set_value(sent);
            }
            match answer {
                Ok(errors) if forward && !errors.is_empty() => state.show(errors),
                Ok(_) => {
                    state.errors.set(Vec::new());
                    show_tab(target);
                }
                Err(error) if !forward && error != AppError::Unauthenticated => show_tab(target),
                Err(error) => state.refuse(error),
            }
        });
    };

    let save = Action::new(move |request: &SaveRequest| save_candidature(request.clone()));
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => {
            ctx.saved.set(Some(saved));
            key.set_value(None);
            draft.set(None);
            tab.set(Tab::Numero);
            reached.set(Tab::Numero);
            focus(&format!("{}-titre", Tab::Numero.slug()));
        }
        Some(Err(AppError::InvalidFields(errors))) => {
            let first = first_tab(&errors);
            state
                .alert
                .set(Some(AppError::InvalidFields(Vec::new()).message_fr()));
            if let Some(t) = first {
                tab.set(t);
            }
            state.show(errors);
        }
        Some(Err(error)) => state.refuse(error),
        None => {}
    });
    let modifying_for_save = modifying.clone();
    let on_save = move |_| {
        state.alert.set(None);
        let form = state.values.get_untracked();
        let parsed = ctx
            .data
            .with_value(|w| parse_answers(&form, &w.lists, &w.epreuves));
        if let Err(errors) = parsed {
            let errors = errors.into_vec();
            if let Some(t) = first_tab(&errors) {
                tab.set(t);
            }
            state.show(errors);
            return;
        }
        let idempotency_key = match key.get_value() {
            Some((k, sent)) if sent == form => k,
            _ => {
                let k = new_key();
                key.set_value(Some((k, form.clone())));
                k
            }
        };
        save.dispatch(SaveRequest {
            offer: offer_id,
            candidature: modifying_for_save.as_ref().map(|s| s.id),
            expected_version: modifying_for_save.as_ref().map(|s| s.version),
            idempotency_key,
            form,
        });
    };

    let leave = {
        let navigate = navigate.clone();
        move || navigate("/mes-inscriptions", Default::default())
    };
    let on_quit = {
        let leave = leave.clone();
        move |_| {
            let unsaved = ctx.saved.get_untracked().is_none()
                && initial.with_value(|i| *i != state.values.get_untracked());
            if unsaved {
                quitting.set(true);
            } else {
                leave();
            }
        }
    };
    let saved_now = move || ctx.saved.with(Option::is_some);
    // Where the wizard stands, for the rules of `navigation` (tracked, and read once).
    let position = move || Position {
        tab: tab.get(),
        reached: reached.get(),
        saved: saved_now(),
    };
    let position_now = move || Position {
        tab: tab.get_untracked(),
        reached: reached.get_untracked(),
        saved: ctx.saved.with_untracked(Option::is_some),
    };
    // Closing the page or leaving the site with input typed since the last tab change asks
    // first (the browser's own question; the draft holds what was there at that change).
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            last_kept.set_value(state.values.get_untracked());
        }
    });
    let guard = window_event_listener(leptos::ev::beforeunload, move |ev| {
        let unsaved = ctx.saved.get_untracked().is_none()
            && last_kept.with_value(|k| *k != state.values.get_untracked());
        if unsaved {
            ev.prevent_default();
        }
    });
    on_cleanup(move || guard.remove());

    // The kept draft is offered before the candidate types: the first edit withdraws the
    // offer (resuming would overwrite what was typed), and the draft is replaced by the new
    // input at the next tab change.
    Effect::new(move |_| {
        let edited = state.values.with(|v| initial.with_value(|i| v != i));
        if edited && draft.with_untracked(Option::is_some) {
            draft.set(None);
        }
    });
    let resumed = RwSignal::new(None::<String>);
    // Owned by the wizard, not by the offer they close: the offer is gone once they ran.
    let on_resume = Callback::new(move |d: DraftInfo| {
        resumed.set(Some(format!(
            "Votre saisie du {} à {} est reprise là où vous l'aviez laissée : étape « {} ».",
            d.saved_at.date_fr(),
            d.saved_at.time_fr(),
            resume_tab(d.tab).name_fr()
        )));
        state.values.set(d.form);
        // The établissement's line is computed again from the draft's UAI.
        ctx.etablissement_label.set(String::new());
        let target = resume_tab(d.tab);
        reached.set(target.max(reached.get_untracked()));
        tab.set(target);
        draft.set(None);
        focus(&format!("{}-titre", target.slug()));
    });
    let on_discard = Callback::new(move |_| {
        draft.set(None);
        spawn_local(async move {
            let _ = discard_draft(offer_id).await;
        });
    });

    view! {
        {move || draft.get().map(|d| view! { <DraftOffer draft=d on_resume on_discard /> })}
        <div class="wizard">
            // On a phone, in place of the tab bar (style/main.css).
            <p class="wizard__step">
                {move || {
                    let t = tab.get();
                    format!("Étape {} sur {} : {}", t.number(), Tab::ALL.len(), t.name_fr())
                }}
            </p>
            <div
                role="tablist"
                aria-label="Étapes de l'inscription"
                class="wizard__tabs"
                on:keydown=move |ev| {
                    // The tabs pattern: arrows, Home and End move between the tabs one may open.
                    let open = position_now().open_tabs();
                    let Some(at) = open.iter().position(|t| *t == tab.get_untracked()) else { return };
                    let target = match ev.key().as_str() {
                        "ArrowRight" => open.get(at + 1).copied(),
                        "ArrowLeft" => at.checked_sub(1).and_then(|i| open.get(i).copied()),
                        "Home" => open.first().copied(),
                        "End" => open.last().copied(),
                        _ => None,
                    };
                    if let Some(t) = target {
                        ev.prevent_default();
                        go(t);
                        focus(t.slug());
                    }
                }
            >
                {Tab::ALL
                    .into_iter()
                    .map(|t| {
                        let reachable = move || position().can_open(t);
                        view! {
                            <button
                                type="button"
                                role="tab"
                                id=t.slug()
                                class="wizard__tab"
                                aria-selected=move || (tab.get() == t).to_string()
                                aria-controls=move || (tab.get() == t).then(|| format!("{}-panneau", t.slug()))
                                tabindex=move || if tab.get() == t { "0" } else { "-1" }
                                disabled=move || !reachable()
                                on:click=move |_| go(t)
                            >
                                {t.title_fr()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <p role="status" class="wizard__resumed">
                {move || resumed.get().map(|m| view! { <span class="alert alert-success">{m}</span> })}
            </p>
            <FormAlert message=state.alert errors=state.errors />
            {move || {
                let t = tab.get();
                view! {
                    <section
                        role="tabpanel"
                        id=format!("{}-panneau", t.slug())
                        aria-labelledby=t.slug()
                        class="wizard__panel"
                    >
                        {match t {
                            Tab::Identification => view! { <IdentificationTab /> }.into_any(),
                            Tab::Qualification => view! { <QualificationTab /> }.into_any(),
                            Tab::Situation => view! { <SituationTab /> }.into_any(),
                            Tab::Epreuves => view! { <EpreuvesTab /> }.into_any(),
                            Tab::Recapitulatif => view! {
                                <h2 id=format!("{}-titre", t.slug()) tabindex="-1">"Récapitulatif"</h2>
                                <Recap />
                                {move || (!saved_now()).then(|| view! {
                                    <p class="alert alert-warning" role="note">
                                        <strong>"Attention ! A ce stade, la candidature n'est pas encore enregistrée"</strong>
                                        ", vous devez cliquer sur le bouton "
                                        <strong>"Enregistrer"</strong>
                                        " pour terminer votre inscription."
                                    </p>
                                })}
                            }
                            .into_any(),
                            Tab::Numero => view! { <NumeroTab /> }.into_any(),
                        }}
                    </section>
                }
            }}
            <div class="wizard__buttons">
                <button
                    type="button"
                    class="button button--secondary"
                    disabled=move || position().previous().is_none() || moving.get()
                    on:click=move |_| {
                        if let Some(p) = position_now().previous() { go(p) }
                    }
                >
                    "Précédent"
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    disabled=move || position().next().is_none() || moving.get()
                    on:click=move |_| {
                        if let Some(n) = position_now().next() { go(n) }
                    }
                >
                    "Suivant"
                </button>
                <button
                    type="button"
                    class="button"
                    disabled=move || !position().can_save() || save.pending().get() || moving.get()
                    on:click=on_save
                >
                    "Enregistrer"
                </button>
                <Visualiser document=Signal::derive(move || {
                    ctx.saved.with(|s| s.as_ref().and_then(|s| s.documents.first().cloned()))
                }) />
                <button type="button" id="quitter" class="button button--secondary" on:click=on_quit>
                    "Quitter"
                </button>
            </div>
        </div>
        <div class="print-recap">
            <Recap />
        </div>
        <Show when=move || quitting.get()>
            <QuitDialog
                offer_id
                tab
                on_stay=Callback::new(move |_| {
                    quitting.set(false);
                    focus("quitter");
                })
                on_leave=Callback::new({
                    let leave = leave.clone();
                    move |_| leave()
                })
            />
        </Show>
    }
}

/// Tab 2 (R4): the exam or certification and the speciality chosen in "M'inscrire".
#[component]
fn QualificationTab() -> impl IntoView {
    let ctx = WizardContext::get();
    let offer = ctx.data.with_value(|w| w.offer.clone());
    view! {
        <h2 id=format!("{}-titre", Tab::Qualification.slug()) tabindex="-1">"Qualification présentée"</h2>
        <dl class="readonly">
            <dt>{format!("{} :", offer.exam_word())}</dt>
            <dd>{offer.exam_label.clone()}</dd>
            <dt>"Secteur Disciplinaire :"</dt>
            <dd>{offer.speciality_label.clone()}</dd>
            <dt>"Académie :"</dt>
            <dd>{offer.academy_label.clone()}</dd>
            <dt>"Session :"</dt>
            <dd>{offer.session_year}</dd>
        </dl>
    }
}

/// "Reprendre ma saisie": input kept from an earlier visit.
#[component]
fn DraftOffer(
    draft: DraftInfo,
    on_resume: Callback<DraftInfo>,
    on_discard: Callback<()>,
) -> impl IntoView {
    let when = format!(
        "Une saisie non enregistrée du {} à {} a été conservée.",
        draft.saved_at.date_fr(),
        draft.saved_at.time_fr()
    );
    let draft = StoredValue::new(draft);
    view! {
        <div class="notice draft-offer" role="region" aria-label="Saisie conservée">
            <p>{when}</p>
            <div class="form__actions">
                <button type="button" class="button" on:click=move |_| on_resume.run(draft.get_value())>
                    "Reprendre ma saisie"
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| on_discard.run(())>
                    "Recommencer"
                </button>
            </div>
        </div>
    }
}

/// "Quitter" with unsaved input: keep it for later, drop it, or stay.
#[component]
fn QuitDialog(
    offer_id: uuid::Uuid,
    tab: RwSignal<Tab>,
    on_stay: Callback<()>,
    on_leave: Callback<()>,
) -> impl IntoView {
    let ctx = WizardContext::get();
    // A modification leaves the saved version as it is; a new candidature does not exist yet.
    let modified = ctx.data.with_value(|w| w.saved.clone());
    let explanation = match &modified {
        Some(v) => format!(
            "Vos modifications ne sont pas enregistrées : votre candidature reste telle qu'elle a été enregistrée ({} du {} à {}). Seul le bouton Enregistrer, sur l'onglet Récapitulatif, enregistre une nouvelle version.",
            v.version_label(),
            v.saved_at.date_fr(),
            v.saved_at.time_fr()
        ),
        None => "Votre candidature n'est pas enregistrée : seul le bouton Enregistrer, sur l'onglet Récapitulatif, l'enregistre.".to_owned(),
    };
    let (keep_label, drop_label) = if modified.is_some() {
        (
            "Garder mes modifications pour plus tard",
            "Abandonner mes modifications",
        )
    } else {
        ("Garder ma saisie pour plus tard", "Abandonner ma saisie")
    };
    let failed = RwSignal::new(None::<String>);
    let keep = move |_| {
        let form = ctx.form.values.get_untracked();
        spawn_local(async move {
            let answer = save_draft(DraftRequest {
                offer: offer_id,
                tab: tab.get_untracked().min(Tab::Recapitulatif).number(),
                form,
            })
            .await;
            if failed.is_disposed() {
                return;
            }
            // Leaves only once the input is safe on the server.
            match answer {
                Ok(_) => on_leave.run(()),
                Err(e) => failed.set(Some(e.message_fr())),
            }
        });
    };
    let drop = move |_| {
        spawn_local(async move {
            let answer = discard_draft(offer_id).await;
            if failed.is_disposed() {
                return;
            }
            match answer {
                Ok(()) => on_leave.run(()),
                Err(e) => failed.set(Some(e.message_fr())),
            }
        });
    };
    view! {
        <Modal title_id="quitter-titre" behind=&[".wizard", ".draft-offer", "h1"] on_escape=on_stay>
                <h2 id="quitter-titre" tabindex="-1">"Quitter le formulaire ?"</h2>
                <p>{explanation}</p>
                <div role="alert">{move || failed.get().map(|m| view! { <p class="alert alert-error">{m}</p> })}</div>
                <div class="form__actions">
                    <button type="button" class="button" on:click=keep>{keep_label}</button>
                    <button type="button" class="button button--secondary" on:click=drop>{drop_label}</button>
                    <button type="button" class="button button--secondary" on:click=move |_| on_stay.run(())>
                        "Continuer ma saisie"
                    </button>
                </div>
        </Modal>
    }
}
