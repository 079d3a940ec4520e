//! "Ajouter un fichier pour <pièce>" (J3): a multipart form posted to the piece's deposit
//! address. Without the client code it is a plain POST (the page comes back with the
//! file, or with the message beside the field); with it, the browser checks the size and
//! the format first, then sends the file with a progress bar and reloads the page's data.

use super::{BEHIND, Page, Target};
use crate::components::dialog::Modal;
use crate::components::form::FormName;
use crate::error::AppError;
use crate::model::pieces::{ACCEPTED_EXTENSIONS, SIZE_AND_FORMATS};
use crate::model::posted::form::PIECE_DEPOSIT;
use leptos::html;
use leptos::prelude::*;

/// The deposit's address of a piece.
fn action(target: &Target) -> String {
    format!(
        "/mes-justificatifs/{}/{}/depot",
        target.candidature, target.piece
    )
}

/// The sentence of a refused deposit: the field's message, else the error's.
fn sentence(e: &AppError) -> String {
    e.field_errors()
        .first()
        .map_or_else(|| e.message_fr(), |f| f.message.clone())
}

/// The dialog "Envoyer une pièce jointe".
#[component]
pub fn UploadDialog(target: Target, page: Page) -> impl IntoView {
    let close = Callback::new(move |()| page.dialog.set(None));
    view! {
        <Modal title_id="ajouter-titre" behind=BEHIND on_escape=close>
            <div class="dialog__head">
                <h2 id="ajouter-titre" tabindex="-1">"Envoyer une pièce jointe"</h2>
                <button type="button" class="dialog__close" aria-label="Fermer" on:click=move |_| close.run(())>"✕"</button>
            </div>
            <UploadForm target page refused=None in_dialog=true />
        </Modal>
    }
}

/// The form itself, in the dialog or (before and without the client code) under "Ajouter".
#[component]
pub fn UploadForm(
    target: Target,
    page: Page,
    refused: Option<AppError>,
    #[prop(optional)] in_dialog: bool,
) -> impl IntoView {
    let input_id = format!(
        "fichier-{}{}",
        if in_dialog { "dialogue-" } else { "" },
        target.piece
    );
    let error_id = format!("{input_id}-erreur");
    let error = RwSignal::new(refused.as_ref().map(sentence));
    let progress = RwSignal::new(None::<u32>);
    let form_ref = NodeRef::<html::Form>::new();
    let input_ref = NodeRef::<html::Input>::new();
    let url = action(&target);
    let accept = ACCEPTED_EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(",");
    let on_change = move |_| {
        error.set(
            chosen(input_ref)
                .and_then(|(name, size)| crate::model::pieces::browser_check(&name, size).err()),
        );
    };
    let on_submit = {
        let url = url.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if progress.get_untracked().is_some() {
                return;
            }
            let Some((name, size)) = chosen(input_ref) else {
                error.set(Some("Choisissez un fichier à ajouter.".into()));
                return;
            };
            if let Err(message) = crate::model::pieces::browser_check(&name, size) {
                error.set(Some(message));
                return;
            }
            error.set(None);
            send(form_ref, &url, progress, move |result| match result {
                Ok(()) => {
                    page.dialog.set(None);
                    page.reload.run(());
                }
                Err(e) => error.set(Some(sentence(&e))),
            });
        }
    };
    let described = error_id.clone();
    view! {
        <form
            method="post"
            action=url
            enctype="multipart/form-data"
            class="form upload-form"
            node_ref=form_ref
            on:submit=on_submit
        >
            <FormName name=PIECE_DEPOSIT />
            <p><strong>"Ajouter un fichier pour"</strong></p>
            <p><strong>{target.title.clone()}</strong></p>
            <p>{SIZE_AND_FORMATS}</p>
            <div class="field" class:field--invalid=move || error.get().is_some()>
                <label class="field__label" for=input_id.clone()>"Fichier"</label>
                <input
                    type="file"
                    id=input_id.clone()
                    name="fichier"
                    accept=accept
                    required
                    node_ref=input_ref
                    on:change=on_change
                    aria-describedby=move || error.get().map(|_| described.clone())
                    aria-invalid=move || error.get().map(|_| "true")
                />
                {move || error.get().map(|m| view! { <p class="field__error" id=error_id.clone() role="alert">{m}</p> })}
            </div>
            {move || progress.get().map(|n| view! {
                <p role="status">
                    <label>
                        {format!("Envoi du fichier : {n} %")}
                        " "
                        <progress max="100" value=n.to_string()>{format!("{n} %")}</progress>
                    </label>
                </p>
            })}
            <div class="form__actions">
                <button type="submit" class="button" disabled=move || progress.get().is_some()>"Envoyer"</button>
                {in_dialog.then(|| view! {
                    <button type="button" class="button button--secondary" on:click=move |_| page.dialog.set(None)>
                        "Annuler"
                    </button>
                })}
            </div>
        </form>
    }
}

/// The file chosen in the field: its name and size.
fn chosen(input: NodeRef<html::Input>) -> Option<(String, u64)> {
    #[cfg(feature = "hydrate")]
    {
        let file = input.get_untracked()?.files()?.get(0)?;
        // A file's size is a whole number of bytes, far below 2^53.
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a size in bytes"
        )]
        let size = file.size() as u64;
        Some((file.name(), size))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = input;
        None
    }
}

/// Sends the form's fields with an XMLHttpRequest (whose upload reports its progress),
/// asking for JSON; `done` gets the outcome.
fn send(
    form: NodeRef<html::Form>,
    url: &str,
    progress: RwSignal<Option<u32>>,
    done: impl FnOnce(Result<(), AppError>) + 'static,
) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::{JsCast, closure::Closure};
        use leptos::web_sys::{FormData, ProgressEvent, XmlHttpRequest};
        let Some(form) = form.get_untracked() else {
            return;
        };
        let (Ok(xhr), Ok(data)) = (XmlHttpRequest::new(), FormData::new_with_form(&form)) else {
            done(Err(AppError::Transport));
            return;
        };
        if xhr.open("POST", url).is_err()
            || xhr
                .set_request_header("Accept", "application/json")
                .is_err()
        {
            done(Err(AppError::Transport));
            return;
        }
        progress.set(Some(0));
        let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "a percentage"
                )]
                progress.set(Some((e.loaded() * 100.0 / e.total()).round() as u32));
            }
        });
        if let Ok(upload) = xhr.upload() {
            upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        }
        let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
        let finish = {
            let done = done.clone();
            move |result| {
                progress.set(None);
                if let Some(done) = done.borrow_mut().take() {
                    done(result);
                }
            }
        };
        let on_load = {
            let xhr = xhr.clone();
            let finish = finish.clone();
            Closure::<dyn FnMut()>::new(move || {
                let body = xhr.response_text().ok().flatten().unwrap_or_default();
                finish(if xhr.status().unwrap_or(0) == 200 {
                    Ok(())
                } else {
                    Err(serde_json::from_str::<AppError>(&body).unwrap_or(AppError::Transport))
                });
            })
        };
        let on_error = Closure::<dyn FnMut()>::new(move || finish(Err(AppError::Transport)));
        xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
        xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        if xhr.send_with_opt_form_data(Some(&data)).is_err() {
            progress.set(None);
            if let Some(done) = done.borrow_mut().take() {
                done(Err(AppError::Transport));
            }
        }
        // They live as long as the request: one upload at a time, a few bytes each.
        on_progress.forget();
        on_load.forget();
        on_error.forget();
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (form, url, progress);
        done(Err(AppError::Transport));
    }
}
