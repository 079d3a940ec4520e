//! The checklist under a new password: every rule of the policy shown before anything is
//! typed, each marked as met while typing. The common-password rule uses the short list
//! both sides know at once, then the server's long list (once the length is right, after a
//! pause in typing, limited like the look-ups), instead of a surprise after submitting.

use crate::api::account::password_is_common;
use crate::domain::PasswordPolicy;
use crate::domain::password::Rule;
use leptos::prelude::*;
use std::time::Duration;

/// How long typing must pause before the server is asked.
const PAUSE: Duration = Duration::from_millis(400);

#[component]
pub fn PasswordChecklist(
    /// The id the password field points to with `aria-describedby`.
    id: String,
    password: Signal<String>,
    policy: PasswordPolicy,
    /// The candidate's names, when the page knows them (the password must not contain them).
    #[prop(optional_no_strip)]
    personal: Option<Signal<Vec<String>>>,
) -> impl IntoView {
    let rules = policy.rules(personal.is_some());
    let policy = StoredValue::new(policy);
    // The server's answer, for the text it was asked about.
    let on_long_list = RwSignal::new(None::<(String, bool)>);
    Effect::new(move |_| {
        let typed = password.get();
        // Asked only of a password of the right length that the short list lets through:
        // no request for each key of a password still being typed.
        let worth_asking = policy.with_value(|p| {
            Rule::Length.met(&typed, p, &[]) && Rule::NotCommon.met(&typed, p, &[])
        });
        let known = on_long_list.with_untracked(|a| a.as_ref().is_some_and(|(t, _)| *t == typed));
        if !worth_asking || known {
            return;
        }
        set_timeout(
            move || {
                // Typing went on (the next pause asks), or the form is gone meanwhile (sent,
                // and the page moved on within the pause).
                if password.try_get_untracked().is_none_or(|now| now != typed) {
                    return;
                }
                leptos::task::spawn_local(async move {
                    if let Ok(common) = password_is_common(typed.clone()).await
                        && !on_long_list.is_disposed()
                    {
                        on_long_list.set(Some((typed, common)));
                    }
                });
            },
            PAUSE,
        );
    });
    let met = move |rule: Rule| {
        let names = personal.map(|s| s.get()).unwrap_or_default();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        password.with(|typed| {
            policy.with_value(|p| rule.met(typed, p, &names))
                && (rule != Rule::NotCommon
                    || on_long_list.with(|a| match a {
                        Some((asked, common)) if asked == typed => !common,
                        _ => true,
                    }))
        })
    };
    view! {
        <div class="password-rules" id=id>
            <p class="password-rules__title">"Votre mot de passe doit comporter :"</p>
            <ul>
                {rules
                    .into_iter()
                    .map(|rule| {
                        let label = policy.with_value(|p| rule.label_fr(p));
                        view! {
                            <li class:password-rules__met=move || met(rule)>
                                <span class="password-rules__mark" aria-hidden="true">
                                    {move || if met(rule) { "✓" } else { "✗" }}
                                </span>
                                " "
                                {label}
                                <span class="sr-only">
                                    {move || if met(rule) { " : respecté" } else { " : non respecté" }}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}
