//! One candidature of "Mes inscriptions" (R9-R11): its récapitulatif read-only, "Modifier"
//! while the service is open (the wizard again, raising the version), and how to
//! unregister (only the service gestionnaire can).

use super::context::WizardContext;
use super::tabs::Recap;
use super::visualiser::Visualiser;
use super::wizard::RegistrationWizard;
use crate::api::registration::load_candidature;
use crate::components::error_message::ErrorMessage;
use crate::components::form::FormState;
use crate::components::route_id::use_route_id;
use crate::components::service_contact::ServiceContactLine;
use crate::components::signed_in::SignedIn;
use crate::error::AppError;
use crate::model::Wizard;
use leptos::prelude::*;
use leptos_meta::Title;

/// The candidature of the URL (`/mes-inscriptions/<id>`), if the id reads.
fn candidature_resource() -> Resource<Result<Wizard, AppError>> {
    let id = use_route_id();
    Resource::new(
        move || id.get(),
        |id| async move { load_candidature(id.ok_or(AppError::NotFound)?).await },
    )
}

#[component]
pub fn CandidaturePage() -> impl IntoView {
    let data = candidature_resource();
    view! {
        <Title text="Ma candidature" />
        <SignedIn>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(wizard) => view! { <Consultation wizard /> }.into_any(),
                        Err(error) => view! {
                            <h1>"Ma candidature"</h1>
                            <ErrorMessage error />
                            <p><a href="/mes-inscriptions">"Retour à Mes inscriptions"</a></p>
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </SignedIn>
    }
}

#[component]
fn Consultation(wizard: Wizard) -> impl IntoView {
    let offer = wizard.offer.clone();
    let saved = wizard.saved.clone();
    provide_context(WizardContext {
        form: FormState::new(wizard.form.clone()),
        etablissement_label: RwSignal::new(wizard.labels.etablissement.clone()),
        saved: RwSignal::new(None),
        data: StoredValue::new(wizard),
    });
    let title = saved.as_ref().map_or_else(
        || "Ma candidature".to_owned(),
        |s| {
            format!(
                "Candidature n° {} - {}",
                s.candidate_number, s.registration_number
            )
        },
    );
    let id = saved.as_ref().map(|s| s.id);
    view! {
        <h1>{title}</h1>
        <p class="lead">{format!("{} : {}", offer.exam_label, offer.speciality_label)}</p>
        <h2>"Récapitulatif"</h2>
        <Recap />
        <div class="form__actions no-print">
            {if offer.open {
                view! {
                    <a href=format!("/mes-inscriptions/{}/modifier", id.unwrap_or_default()) class="button">"Modifier"</a>
                }
                .into_any()
            } else {
                view! {
                    <p class="notice" role="note">
                        {format!(
                            "Le service d'inscription est fermé depuis le {} à {} : votre candidature n'est plus modifiable.",
                            offer.closes_at.date_fr(),
                            offer.closes_at.time_fr()
                        )}
                    </p>
                }
                .into_any()
            }}
            <Visualiser document=Signal::stored(saved.as_ref().and_then(|s| s.documents.first().cloned())) />
        </div>
        <section class="panel no-print" aria-labelledby="se-desinscrire">
            <h2 id="se-desinscrire">"Se désinscrire"</h2>
            <p>
                "Vous ne pouvez pas vous désinscrire par vos propres moyens. Pour cela, contactez le service gestionnaire : "
                <ServiceContactLine contact=offer.service.clone() />
            </p>
        </section>
        <p class="no-print"><a href="/mes-inscriptions">"Retour à Mes inscriptions"</a></p>
    }
}

/// "Modifier": the wizard on the saved candidature, while the service is open.
#[component]
pub fn ModifyCandidaturePage() -> impl IntoView {
    let data = candidature_resource();
    view! {
        <Title text="Modifier ma candidature" />
        <SignedIn>
            <h1>"Modifier ma candidature"</h1>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(wizard) if wizard.offer.open => view! { <RegistrationWizard wizard /> }.into_any(),
                        Ok(_) => view! { <ErrorMessage error=AppError::OfferClosed /> }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </SignedIn>
    }
}
