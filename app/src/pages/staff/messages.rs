//! "Messages d'accueil" (REQUIREMENTS S3, P1): administrators write the messages of
//! "Accueil": a title, a text of paragraphs and links, an optional display window in Paris
//! time, every académie or one. The preview shows the message as the home page will, from the
//! same parts (text and links, never HTML). Every form is a real POST form: "Prévisualiser"
//! and "Enregistrer" work before the client code is ready and without it.

use super::frame::StaffFrame;
use crate::api::home::{delete_home_message, load_staff_messages, save_home_message};
use crate::components::error_message::ErrorMessage;
use crate::components::form::{
    CheckboxField, FormAlert, FormName, FormState, SelectField, TextAreaField, TextField,
    use_posted,
};
use crate::domain::account::Errors;
use crate::domain::home_message::{EVERY_ACADEMY, field, paragraphs, parse_message};
use crate::error::AppError;
use crate::model::ListOption;
use crate::model::home::{MessageForm, MessagesView, StaffMessage};
use crate::model::posted::form::{PREVIEW, STAFF_MESSAGE as FORM, STAFF_MESSAGE_DELETE};
use crate::pages::home::MessageText;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const PATH: &str = "/gestion/messages";

#[component]
pub fn MessagesPage() -> impl IntoView {
    let query = use_query_map();
    // The message being changed (`?message=<id>`): the list is read again with it.
    let editing = move || query.with(|q| q.get("message"));
    let view = Resource::new(editing, |_| load_staff_messages());
    let saved = RwSignal::new(query.with_untracked(|q| q.get("enregistre").is_some()));
    view! {
        <Title text="Messages d'accueil" />
        <StaffFrame>
            <h1>"Messages d'accueil"</h1>
            <p class="lead">
                "Les messages publiés s'affichent sur l'Accueil du portail pendant leur période d'affichage, pour toutes les académies ou pour une seule."
            </p>
            <Show when=move || saved.get()>
                <p class="alert alert-success" role="status">"Le message a été enregistré."</p>
            </Show>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match view.await {
                        Ok(v) => {
                            let editing = editing().and_then(|id| {
                                v.messages.iter().find(|m| m.id.to_string() == id).cloned()
                            });
                            view! { <Messages v editing saved reload=move || view.refetch() /> }.into_any()
                        }
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </StaffFrame>
    }
}

#[component]
fn Messages(
    v: MessagesView,
    editing: Option<StaffMessage>,
    saved: RwSignal<bool>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let mut choices = Vec::with_capacity(v.academies.len() + 1);
    if v.national {
        choices.push(ListOption {
            code: EVERY_ACADEMY.into(),
            label: "Toutes les académies".into(),
        });
    }
    choices.extend(v.academies.iter().cloned());
    let blank = MessageForm {
        academy: match (v.national, v.academies.as_slice()) {
            (true, _) => EVERY_ACADEMY.into(),
            (false, [only]) => only.code.clone(),
            _ => String::new(),
        },
        published: "oui".into(),
        ..MessageForm::default()
    };
    view! {
        <section aria-labelledby="liste-messages">
            <h2 id="liste-messages">"Messages"</h2>
            {if v.messages.is_empty() {
                view! { <p class="muted">"Aucun message."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="dense">
                            <thead><tr>
                                <th scope="col">"Titre"</th>
                                <th scope="col">"Académie"</th>
                                <th scope="col">"Affichage (heure de Paris)"</th>
                                <th scope="col">"État"</th>
                                <th scope="col">"Actions"</th>
                            </tr></thead>
                            <tbody>
                                {v.messages.into_iter().map(|m| view! { <MessageRow m reload /> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        <Editor form=editing.map_or(blank, |m| m.form) choices saved reload />
    }
}

#[component]
fn MessageRow(m: StaffMessage, reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let posted = use_posted(STAFF_MESSAGE_DELETE).filter(|p| p.has("id", &m.id.to_string()));
    let error = RwSignal::new(posted.and_then(|p| p.error));
    let delete =
        Action::new(|(id, revision): &(i32, String)| delete_home_message(*id, revision.clone()));
    Effect::new(move |_| match delete.value().get() {
        Some(Ok(())) => reload(),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let (id, revision) = (m.id, m.form.revision.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        delete.dispatch((id, revision.clone()));
    };
    let edit = format!("{PATH}?message={}#editeur", m.id);
    let label = format!("Modifier le message « {} »", m.title);
    view! {
        <tr>
            <td>{m.title.clone()}</td>
            <td>{m.academy}</td>
            <td>{m.window}</td>
            <td>{m.state}</td>
            <td>
                <a href=edit aria-label=label>"Modifier"</a>
                <details class="action">
                    <summary>"Supprimer"</summary>
                    <form method="post" action=PATH on:submit=on_submit>
                        <FormName name=STAFF_MESSAGE_DELETE />
                        <input type="hidden" name="id" value=m.id.to_string() />
                        <input type="hidden" name="revision" value=m.form.revision.clone() />
                        <div role="alert">
                            {move || error.get().map(|e| view! { <p class="alert alert-error">{e.message_fr()}</p> })}
                        </div>
                        <p>"Le message ne sera plus affiché sur l'Accueil. La suppression est écrite au journal."</p>
                        <button type="submit" class="button button--danger" disabled=move || delete.pending().get()>
                            "Confirmer la suppression"
                        </button>
                    </form>
                </details>
            </td>
        </tr>
    }
}

#[component]
fn Editor(
    form: MessageForm,
    choices: Vec<ListOption>,
    saved: RwSignal<bool>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let posted = use_posted(FORM);
    let state = FormState::with_posted(form, posted.as_ref());
    let alert = state.alert;
    let heading = if state.values.with_untracked(|v| v.id.is_empty()) {
        "Nouveau message"
    } else {
        "Modifier le message"
    };
    let save = Action::new(|form: &MessageForm| save_home_message(form.clone()));
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => {
            saved.set(true);
            // Out of the message's address, if it was one: the form is a new one again.
            navigate(&format!("{PATH}?enregistre=oui"), Default::default());
            reload();
        }
        Some(Err(e)) => {
            // Told who changed it and when; what was typed stays, and is sent again against
            // the message's revision as it is now should the member confirm it.
            if matches!(e, AppError::ChangedMeanwhile { .. }) {
                let id = state.values.with_untracked(|v| v.id.clone());
                leptos::task::spawn_local(async move {
                    if let Ok(v) = load_staff_messages().await
                        && let Some(m) = v.messages.into_iter().find(|m| m.form.id == id)
                    {
                        state.values.update(|f| f.revision = m.form.revision);
                    }
                });
            }
            state.refuse(e);
        }
        None => {}
    });
    let checked = move || {
        let form = state.values.get_untracked();
        let mut errors = Errors::default();
        match parse_message(&form, &mut errors) {
            Some(_) if errors.is_empty() => {
                state.errors.set(Vec::new());
                Some(form)
            }
            _ => {
                state.show(errors.into_vec());
                None
            }
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        alert.set(None);
        saved.set(false);
        if let Some(form) = checked() {
            save.dispatch(form);
        }
    };
    // With the client the preview follows the typing: the button checks the form and
    // brings the preview into view.
    let on_preview = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        alert.set(None);
        if checked().is_some()
            && let Some(preview) = document().get_element_by_id("apercu")
        {
            preview.scroll_into_view();
        }
    };
    let title = move || state.values.with(|v| v.title.trim().to_owned());
    let body = move || state.values.with(|v| paragraphs(&v.body));
    // The message's id and revision as posted back, if the page answers a post.
    let (id, revision) = state
        .values
        .with_untracked(|v| (v.id.clone(), v.revision.clone()));
    let cancel = (!id.is_empty()).then(|| view! { <a href=PATH>"Annuler la modification"</a> });
    view! {
        <section class="panel" aria-labelledby="editeur">
            <h2 id="editeur">{heading}</h2>
            <form class="form" method="post" action=PATH novalidate on:submit=on_submit>
                <FormName name=FORM />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="revision" value=revision prop:value=move || state.values.with(|v| v.revision.clone()) />
                <FormAlert message=alert errors=state.errors />
                <TextField field=state.bind(field::TITLE) label="Titre" required=true />
                <TextAreaField
                    field=state.bind(field::BODY)
                    label="Texte"
                    required=true
                    rows=6
                    maxlength=4000
                    hint="Une ligne vide sépare deux paragraphes. Un lien s'écrit [texte du lien](https://adresse) ou /page-du-portail ; une adresse https://… seule devient un lien."
                />
                <SelectField field=state.bind(field::ACADEMY) label="Académie" required=true options=choices />
                <TextField
                    field=state.bind(field::FROM)
                    label="Afficher à partir du"
                    hint="jj/mm/aaaa hh:mm, heure de Paris. Vide : dès l'enregistrement."
                    inputmode="numeric"
                />
                <TextField
                    field=state.bind(field::UNTIL)
                    label="Afficher jusqu'au"
                    hint="jj/mm/aaaa hh:mm, heure de Paris. Vide : sans limite."
                    inputmode="numeric"
                />
                <CheckboxField field=state.bind("published") label="Publier sur l'Accueil" value="oui" />
                <section class="message-preview" id="apercu" aria-labelledby="apercu-titre">
                    <h3 id="apercu-titre">"Aperçu"</h3>
                    <article class="message">
                        <h4>{move || {
                            let t = title();
                            if t.is_empty() { "(Titre)".to_owned() } else { t }
                        }}</h4>
                        {move || view! { <MessageText paragraphs=body() /> }}
                    </article>
                </section>
                <div class="form__actions">
                    <button type="submit" class="button button--secondary" name=PREVIEW value="1" on:click=on_preview>
                        "Prévisualiser"
                    </button>
                    <button type="submit" class="button" disabled=move || save.pending().get()>
                        "Enregistrer"
                    </button>
                    {cancel}
                </div>
            </form>
        </section>
    }
}
