//! "Mes justificatifs" (guide §10, REQUIREMENTS J1-J5): per candidature, the demande's
//! version and the counter of conforming pieces, then the groups by deposit mode and
//! deadline, each with its pieces. Every form is a real POST (the deposit a multipart one)
//! that works before and without the client code; with it, "Ajouter" opens a dialog with a
//! progress bar and the page reloads its data in place. While a file waits for the
//! antivirus the page looks again every few seconds.

mod piece;
mod upload;

use crate::api::pieces::{confirm_pieces, load_my_pieces};
use crate::components::dialog::Modal;
use crate::components::error_message::ErrorMessage;
use crate::components::form::{FormName, use_posted};
use crate::components::signed_in::SignedIn;
use crate::error::AppError;
use crate::model::pieces::{CandidaturePieces, PieceGroupView, PieceMode};
use crate::model::posted::form::PIECES_CONFIRM;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use piece::PieceBlock;

/// The page's address.
pub const PATH: &str = "/mes-justificatifs";

/// What a piece needs to open the deposit dialog: the candidature, the piece, its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub candidature: uuid::Uuid,
    pub piece: i32,
    pub title: String,
}

/// The dialog open over the page, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// "Ajouter un fichier pour …".
    Upload(Target),
    /// "J'ai fourni toutes mes pièces" for a group of a candidature.
    Confirm { candidature: uuid::Uuid, group: i32 },
}

/// The page's state shared by its blocks.
#[derive(Clone, Copy)]
pub struct Page {
    pub reload: Callback<()>,
    pub dialog: RwSignal<Option<Dialog>>,
    /// The last refusal of "J'ai fourni toutes mes pièces", with its group.
    pub confirm_refusal: RwSignal<Option<(i32, AppError)>>,
}

/// What the dialogs are drawn over (made inert while one is open).
const BEHIND: &[&str] = &[".pieces-page"];

/// The guide's sentence under an online group's pieces.
const CONFIRM_SENTENCE: &str = "En cliquant sur \"J'ai fourni toutes mes pièces\", vous validez que vous avez fourni toutes vos pièces, vous ne pourrez plus les modifier et vos pièces pourront être étudiées.";

#[component]
pub fn MyPiecesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_my_pieces());
    let posted = use_posted(PIECES_CONFIRM);
    let page = Page {
        reload: Callback::new(move |()| data.refetch()),
        dialog: RwSignal::new(None),
        confirm_refusal: RwSignal::new(posted.and_then(|p| {
            let group = p.value("groupe")?.parse().ok()?;
            Some((group, p.error?))
        })),
    };
    // While a file waits for the antivirus, look again in a few seconds.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let waiting = data.with(|d| {
            d.as_ref()
                .and_then(|r| r.as_ref().ok())
                .is_some_and(|list| {
                    list.iter()
                        .flat_map(|c| &c.groups)
                        .flat_map(|g| &g.pieces)
                        .flat_map(|p| &p.files)
                        .any(|f| !f.scanned)
                })
        });
        if waiting {
            set_timeout(move || data.refetch(), std::time::Duration::from_secs(3));
        }
    });
    let refresh = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        data.refetch();
    };
    view! {
        <Title text="Mes justificatifs" />
        <SignedIn>
            <div class="pieces-page">
            <h1>"Mes justificatifs"</h1>
            <p class="lead">
                "Les pièces justificatives à fournir pour chaque candidature sont présentées par mode de dépôt (en ligne, courrier ou autres modalités) et par date limite de retour (heure de Paris)."
            </p>
            <p>
                <a class="button button--secondary" href=PATH on:click=refresh>"Rafraîchir"</a>
            </p>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="notice" role="status">
                                "Aucune pièce justificative n'est demandée : vous n'avez pas de candidature. "
                                <a href="/m-inscrire">"M'inscrire"</a>
                            </p>
                        }.into_any(),
                        Ok(list) => list
                            .into_iter()
                            .map(|c| view! { <CandidatureBlock c page /> })
                            .collect_view()
                            .into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
            </div>
            {move || page.dialog.get().map(|d| match d {
                Dialog::Upload(target) => view! { <upload::UploadDialog target page /> }.into_any(),
                Dialog::Confirm { candidature, group } => view! { <ConfirmDialog candidature group page /> }.into_any(),
            })}
        </SignedIn>
    }
}

#[component]
fn CandidatureBlock(c: CandidaturePieces, page: Page) -> impl IntoView {
    let candidature = c.candidature;
    view! {
        <section class="candidature-pieces" aria-labelledby=format!("candidature-{candidature}")>
            <h2 id=format!("candidature-{candidature}")>{c.offer.clone()}</h2>
            <p class="muted">{format!("{} - Session {}", c.academy, c.session)}</p>
            <p>
                {c.demande.clone().map(|d| view! {
                    <a href=format!("/mes-documents/{candidature}")>{d}</a>
                    " "
                })}
                <strong>{format!("Pièces justificatives conformes : {} / {}", c.conformes, c.total)}</strong>
            </p>
            {if c.groups.is_empty() {
                view! { <p>"Aucune pièce justificative n'est demandée pour cette candidature."</p> }.into_any()
            } else {
                c.groups
                    .into_iter()
                    .map(|g| view! { <GroupBlock candidature g page /> })
                    .collect_view()
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn GroupBlock(candidature: uuid::Uuid, g: PieceGroupView, page: Page) -> impl IntoView {
    let group = g.id;
    let confirmed =
        use_query_map().with_untracked(|q| q.get("confirme")) == Some(group.to_string());
    let confirmable = g.mode == PieceMode::EnLigne && g.pieces.iter().any(|p| p.changeable);
    let refusal = Signal::derive(move || {
        page.confirm_refusal
            .get()
            .filter(|(g, _)| *g == group)
            .map(|(_, e)| e)
    });
    let pieces = g.pieces.clone();
    view! {
        <div class="piece-group" id=format!("groupe-{group}")>
            <p class="piece-group__when">{g.when.clone()}</p>
            <h3>{format!("► {}", g.label)}</h3>
            {g.postal_address.clone().map(|address| view! {
                <p class="piece-group__address">
                    <span class="summary__label">"Adresse d'envoi : "</span>{address}
                </p>
                <p class="small muted">"L'adresse de retour figure aussi sur la demande de pièces justificatives, dans « Mes documents »."</p>
            })}
            {(g.mode == PieceMode::Autres).then(|| view! {
                <p>"Gestion de la pièce non dématérialisée, à remettre directement au service administratif."</p>
            })}
            {g.closed_reason.clone().map(|reason| view! { <p class="notice">{reason}</p> })}
            {confirmed.then(|| view! {
                <p class="alert alert-success" role="status">
                    "Vos pièces sont validées : elles pourront être étudiées par le service gestionnaire."
                </p>
            })}
            <ul class="pieces-list">
                {pieces
                    .into_iter()
                    .map(|p| {
                        let error = Signal::derive(move || {
                            refusal.get().and_then(|e| {
                                e.field_errors()
                                    .iter()
                                    .find(|f| f.field == format!("piece-{}", p.id))
                                    .map(|f| f.message.clone())
                            })
                        });
                        view! { <li><PieceBlock candidature p page confirm_error=error /></li> }
                    })
                    .collect_view()}
            </ul>
            {confirmable.then(|| view! { <ConfirmForm candidature group page refusal /> })}
        </div>
    }
}

/// "J'ai fourni toutes mes pièces": a POST form; with the client, a dialog asks first.
#[component]
fn ConfirmForm(
    candidature: uuid::Uuid,
    group: i32,
    page: Page,
    refusal: Signal<Option<AppError>>,
) -> impl IntoView {
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        page.dialog
            .set(Some(Dialog::Confirm { candidature, group }));
    };
    view! {
        <form method="post" action=PATH class="piece-group__confirm" on:submit=on_submit>
            <FormName name=PIECES_CONFIRM />
            <input type="hidden" name="candidature" value=candidature.to_string() />
            <input type="hidden" name="groupe" value=group.to_string() />
            <p>{CONFIRM_SENTENCE}</p>
            <div role="alert">
                {move || refusal.get().map(|e| {
                    let text = if e.field_errors().is_empty() {
                        e.message_fr()
                    } else {
                        "Des pièces n'ont pas de fichier : les messages sont affichés sous chacune.".into()
                    };
                    view! { <p class="alert alert-error">{text}</p> }
                })}
            </div>
            <button type="submit" class="button">"J'ai fourni toutes mes pièces"</button>
        </form>
    }
}

/// The dialog that asks before confirming a group (nothing can change afterwards).
#[component]
fn ConfirmDialog(candidature: uuid::Uuid, group: i32, page: Page) -> impl IntoView {
    let confirm = Action::new(move |(): &()| confirm_pieces(candidature, group));
    Effect::new(move |_| match confirm.value().get() {
        Some(Ok(_)) => {
            page.dialog.set(None);
            page.confirm_refusal.set(None);
            page.reload.run(());
        }
        Some(Err(e)) => {
            page.dialog.set(None);
            page.confirm_refusal.set(Some((group, e)));
        }
        None => {}
    });
    let close = Callback::new(move |()| page.dialog.set(None));
    view! {
        <Modal title_id="confirmer-titre" behind=BEHIND on_escape=close>
            <h2 id="confirmer-titre" tabindex="-1">"Confirmer le dépôt de vos pièces"</h2>
            <p>{CONFIRM_SENTENCE}</p>
            <div class="form__actions">
                <button type="button" class="button" disabled=move || confirm.pending().get() on:click=move |_| { confirm.dispatch(()); }>
                    "J'ai fourni toutes mes pièces"
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| close.run(())>"Annuler"</button>
            </div>
        </Modal>
    }
}
