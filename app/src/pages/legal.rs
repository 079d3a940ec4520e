//! The footer's pages a public service owes its users: "Accessibilité" (the RGAA 4.1
//! statement), "Données personnelles" (what is kept, why, how long, and the rights) and
//! "Mentions légales" (who publishes, who hosts, the software's licence).
//! The services des examens come from the catalog and the periods from the settings the
//! purges apply (`services::legal`).

use crate::api::legal::footer_facts;
use crate::components::error_message::ErrorMessage;
use crate::model::legal::{LegalFacts, ServiceDesk};
use leptos::prelude::*;
use leptos_meta::Title;

/// The page's facts, read once, then `view` of them.
fn with_facts<V: IntoView + 'static>(
    view: impl Fn(LegalFacts) -> V + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let facts = Resource::new(|| (), |_| footer_facts());
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match facts.await {
                    Ok(facts) => view(facts).into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The services des examens, each with how to reach it.
#[component]
fn ServiceDesks(services: Vec<ServiceDesk>) -> impl IntoView {
    view! {
        <ul class="service-desks">
            {services
                .into_iter()
                .map(|s| {
                    let c = s.contact;
                    let mail = format!("mailto:{}", c.email);
                    view! {
                        <li>
                            <strong>{s.academy}</strong>
                            " : " {c.name} " - téléphone " {c.phone} " - "
                            <a href=mail>{c.email}</a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// "Accessibilité": the accessibility statement (RGAA 4.1).
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <Title text="Accessibilité" />
        <h1>"Accessibilité"</h1>
        <p class="lead">
            "Les services des examens des académies s'engagent à rendre le portail Cyclades accessible, "
            "conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005. "
            "Cette déclaration d'accessibilité s'applique au portail candidat Cyclades."
        </p>
        <section class="panel" aria-labelledby="conformite">
            <h2 id="conformite">"État de conformité"</h2>
            <p>
                "Le portail Cyclades est en "
                <strong>"conformité partielle"</strong>
                " avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1 : "
                "il n'a pas encore fait l'objet d'un audit complet, et les non-conformités connues sont énumérées ci-dessous."
            </p>
        </section>
        <section class="panel" aria-labelledby="verifications">
            <h2 id="verifications">"Vérifications réalisées"</h2>
            <p>"À chaque version du portail, des tests automatiques, dans le navigateur Chromium :"</p>
            <ul>
                <li>"un contrôle automatique (axe-core) de chaque page visitée par les parcours de test ;"</li>
                <li>"une inscription menée entièrement au clavier, le focus restant visible ;"</li>
                <li>"chaque page affichée sur un écran de téléphone de 320 et 375 pixels de large, sans défilement horizontal ;"</li>
                <li>"chaque formulaire utilisable avant le chargement du code de la page, et sans JavaScript ;"</li>
                <li>"après un changement de page, le focus placé sur le titre de la nouvelle page ; dans une boîte de dialogue, il n'en sort pas et Échap la ferme."</li>
            </ul>
            <p>"Technologies utilisées : HTML, CSS, WebAssembly et JavaScript."</p>
        </section>
        <section class="panel" aria-labelledby="non-conformites">
            <h2 id="non-conformites">"Contenus non accessibles"</h2>
            <ul>
                <li>
                    "Les documents PDF publiés (confirmations, récapitulatifs, convocations) n'ont pas encore été vérifiés "
                    "avec un lecteur d'écran : leur structure n'est pas garantie. Les informations d'une candidature restent "
                    "lisibles sur les pages « Mes inscriptions » et « Mes documents »."
                </li>
                <li>"Aucun audit manuel complet des critères du RGAA n'a encore été mené."</li>
            </ul>
            <p>"Cette déclaration a été établie le 2 décembre 2026."</p>
        </section>
        <section class="panel" aria-labelledby="contact-accessibilite">
            <h2 id="contact-accessibilite">"Retour d'information et contact"</h2>
            <p>
                "Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez le service des examens "
                "de votre académie : il vous orientera vers une alternative accessible ou vous fournira le contenu sous une autre forme."
            </p>
            {with_facts(|facts| view! { <ServiceDesks services=facts.services /> })}
        </section>
        <section class="panel" aria-labelledby="recours">
            <h2 id="recours">"Voies de recours"</h2>
            <p>
                "Si vous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un service "
                "et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez écrire au Défenseur des droits "
                "(" <a href="https://formulaire.defenseurdesdroits.fr/">"formulaire en ligne"</a>
                ", ou par courrier, gratuitement : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07) "
                "ou contacter son délégué dans votre région."
            </p>
        </section>
    }
}

/// "Données personnelles": what the portal keeps, why, for how long, and the rights.
#[component]
pub fn PersonalDataPage() -> impl IntoView {
    view! {
        <Title text="Données personnelles" />
        <h1>"Données personnelles"</h1>
        <p class="lead">
            "Le portail Cyclades sert à l'inscription aux examens et certifications. Les données que vous y saisissez "
            "sont traitées par le service des examens de l'académie où vous vous inscrivez, pour votre inscription, "
            "l'organisation des épreuves et la publication de vos documents ; elles ne servent à rien d'autre."
        </p>
        <section class="panel" aria-labelledby="donnees-conservees">
            <h2 id="donnees-conservees">"Les données conservées"</h2>
            <ul>
                <li>
                    "Votre compte : civilité, nom de naissance, nom d'usage, prénoms, date et lieu de naissance, adresse mail, "
                    "et une empreinte de votre mot de passe (le mot de passe lui-même n'est jamais conservé)."
                </li>
                <li>
                    "Vos candidatures : adresse postale, nationalité, téléphone, qualification, situation, épreuves choisies, "
                    "et chaque version enregistrée."
                </li>
                <li>"Les documents publiés pour vos candidatures, et les mails que le portail vous envoie."</li>
            </ul>
            <p>
                "Le portail ne dépose qu'un cookie, celui de votre session de connexion, nécessaire à son fonctionnement : "
                "aucun cookie de mesure d'audience ni de publicité."
            </p>
        </section>
        {with_facts(|facts| view! {
            <section class="panel" aria-labelledby="durees">
                <h2 id="durees">"Durées de conservation"</h2>
                <table class="retention">
                    <thead>
                        <tr>
                            <th scope="col">"Données"</th>
                            <th scope="col">"Conservation"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {facts
                            .retention
                            .into_iter()
                            .map(|r| view! {
                                <tr>
                                    <th scope="row">{r.what}</th>
                                    <td>{r.how_long}</td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </section>
            <section class="panel" aria-labelledby="droits">
                <h2 id="droits">"Vos droits"</h2>
                <p>
                    "Conformément à la loi « informatique et libertés » du 6 janvier 1978 modifiée et au règlement général sur la "
                    "protection des données, vous bénéficiez d'un droit d'accès et de rectification aux informations qui vous concernent, "
                    "et, pour des motifs légitimes, du droit de vous opposer à leur traitement. Vous pouvez exercer ces droits en vous "
                    "adressant au service des examens et concours de votre académie d'inscription :"
                </p>
                <ServiceDesks services=facts.services />
                <p>
                    "Avant votre première inscription, vous pouvez corriger vous-même votre identité dans « Modifier mon compte » ; "
                    "ensuite, seul le service des examens peut la corriger. Vous pouvez aussi adresser une réclamation à la "
                    <a href="https://www.cnil.fr/">"CNIL"</a> "."
                </p>
            </section>
        })}
    }
}

/// One line of "Mentions légales", or what a development run has not configured.
fn configured(value: String, key: &'static str) -> impl IntoView {
    if value.is_empty() {
        view! { <p class="muted">{format!("Non renseigné (configuration : [portal] {key}).")}</p> }
            .into_any()
    } else {
        view! { <p>{value}</p> }.into_any()
    }
}

/// "Mentions légales": the publisher, the director of publication, the host (LCEN, article 6).
#[component]
pub fn LegalNoticePage() -> impl IntoView {
    view! {
        <Title text="Mentions légales" />
        <h1>"Mentions légales"</h1>
        {with_facts(|facts| {
            let p = facts.publication;
            view! {
                <section class="panel" aria-labelledby="editeur">
                    <h2 id="editeur">"Éditeur"</h2>
                    {configured(p.publisher, "publisher")}
                    <h3>"Directeur de la publication"</h3>
                    {configured(p.director, "publication-director")}
                </section>
                <section class="panel" aria-labelledby="hebergement">
                    <h2 id="hebergement">"Hébergement"</h2>
                    {configured(p.hosting, "hosting")}
                </section>
                <section class="panel" aria-labelledby="services-examens">
                    <h2 id="services-examens">"Services des examens"</h2>
                    <p>"Pour toute question sur une inscription, écrivez au service des examens de votre académie :"</p>
                    <ServiceDesks services=facts.services />
                </section>
            }
        })}
        <section class="panel" aria-labelledby="logiciel">
            <h2 id="logiciel">"Logiciel"</h2>
            <p>"Cyclades est un logiciel libre, publié sous la licence GNU Affero General Public License, version 3 ou ultérieure (AGPL-3.0-or-later)."</p>
        </section>
    }
}
