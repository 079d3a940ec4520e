//! One piece of "Mes justificatifs": its title, its files (opened once the antivirus has
//! passed them, each with its delete button while the piece may change), its status with
//! the reception date and the service's comment, "Ajouter", and its history.

use super::{Dialog, PATH, Page, Target, upload::UploadForm};
use crate::api::pieces::delete_piece_file;
use crate::components::form::{FormName, use_posted};
use crate::model::pieces::{PieceFileView, PieceView};
use crate::model::posted::form::{PIECE_DEPOSIT, PIECE_FILE_DELETE};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PieceBlock(
    candidature: uuid::Uuid,
    p: PieceView,
    page: Page,
    /// Why "J'ai fourni toutes mes pièces" was refused for this piece.
    confirm_error: Signal<Option<String>>,
) -> impl IntoView {
    let id = p.id;
    let deposited = use_query_map().with_untracked(|q| q.get("depose")) == Some(id.to_string());
    // A deposit refused without the client: the form open again with its message.
    let refused = use_posted(PIECE_DEPOSIT)
        .filter(|posted| {
            posted.has("piece", &id.to_string())
                && posted.has("candidature", &candidature.to_string())
        })
        .and_then(|posted| posted.error);
    let target = Target {
        candidature,
        piece: id,
        title: p.title.clone(),
    };
    let open_dialog = {
        let target = target.clone();
        move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            page.dialog.set(Some(Dialog::Upload(target.clone())));
        }
    };
    let files = p.files.clone();
    let history = p.history.clone();
    view! {
        <div class="piece" id=format!("piece-{id}")>
            <p class="piece__title"><strong>{p.title.clone()}</strong></p>
            {if files.is_empty() {
                view! { <p class="muted">"Aucun fichier"</p> }.into_any()
            } else {
                view! {
                    <ul class="piece__files">
                        {files.into_iter().map(|f| view! { <FileLine candidature piece=id f changeable=p.changeable page /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {deposited.then(|| view! {
                <p class="alert alert-success" role="status">
                    "Le fichier a été ajouté : il est en cours de vérification par l'antivirus."
                </p>
            })}
            {p.status.map(|status| view! {
                <p class="piece__status">
                    <span class="summary__label">"Statut : "</span><strong>{status.label_fr()}</strong>
                    {p.received_on.clone().map(|d| view! { " " <span class="summary__label">"Date de réception : "</span>{d} })}
                </p>
            })}
            {p.comment.clone().map(|c| view! {
                <p class="piece__comment"><span class="summary__label">"Information du gestionnaire : "</span>{c}</p>
            })}
            {p.confirmed_at.clone().map(|at| view! { <p class="small">{format!("Pièce validée le {at}")}</p> })}
            {move || confirm_error.get().map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
            {p.changeable.then(|| view! {
                <details class="piece__add" open=refused.is_some()>
                    <summary class="button button--secondary" on:click=open_dialog>"Ajouter"</summary>
                    <UploadForm target=target.clone() page refused=refused.clone() />
                </details>
            })}
            {(!history.is_empty()).then(|| view! {
                <details class="piece__history">
                    <summary>"Historique de la pièce"</summary>
                    <ol>
                        {history.into_iter().map(|h| view! {
                            <li>{format!("{} - {} : {}", h.at, h.by, h.what)}</li>
                        }).collect_view()}
                    </ol>
                </details>
            })}
        </div>
    }
}

/// A file: its link once scanned, "en cours de vérification" before, the virus sentence if
/// infected; the delete button while the piece may change.
#[component]
fn FileLine(
    candidature: uuid::Uuid,
    piece: i32,
    f: PieceFileView,
    changeable: bool,
    page: Page,
) -> impl IntoView {
    let posted = use_posted(PIECE_FILE_DELETE).filter(|p| p.has("fichier", &f.id.to_string()));
    let error = RwSignal::new(posted.and_then(|p| p.error));
    let file = f.id;
    let delete = Action::new(move |(): &()| delete_piece_file(candidature, file));
    Effect::new(move |_| match delete.value().get() {
        Some(Ok(())) => page.reload.run(()),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        delete.dispatch(());
    };
    let name = f.name.clone();
    view! {
        <li class="piece__file">
            {if f.infected {
                view! {
                    <span>{name.clone()}</span>
                    " "
                    <span class="alert alert-error" role="alert">
                        "Ce fichier contient un virus : il ne peut pas être ouvert. Déposez un autre fichier."
                    </span>
                }.into_any()
            } else if f.scanned {
                view! { <a href=format!("/mes-justificatifs/fichiers/{}", f.id) rel="external">{name.clone()}</a> }.into_any()
            } else {
                view! {
                    <span>{name.clone()}</span>
                    " "
                    <span class="badge badge--muted" role="status">"en cours de vérification"</span>
                }.into_any()
            }}
            " "
            <span class="small">{f.deposited.clone()}</span>
            {changeable.then(|| view! {
                <form method="post" action=PATH class="inline-form" on:submit=on_submit>
                    <FormName name=PIECE_FILE_DELETE />
                    <input type="hidden" name="candidature" value=candidature.to_string() />
                    <input type="hidden" name="piece" value=piece.to_string() />
                    <input type="hidden" name="fichier" value=file.to_string() />
                    <button
                        type="submit"
                        class="button button--danger button--small"
                        aria-label=format!("Supprimer le fichier {name}")
                        disabled=move || delete.pending().get()
                    >
                        "Supprimer"
                    </button>
                </form>
            })}
            {move || error.get().map(|e| view! { <p class="field__error" role="alert">{e.message_fr()}</p> })}
        </li>
    }
}
