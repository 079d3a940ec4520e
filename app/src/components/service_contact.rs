//! The service gestionnaire's contact as every candidate page shows it: name, phone, email
//! (a mail link) and, when the académie gave one, its postal address on one line.

use crate::model::ServiceContact;
use leptos::prelude::*;

/// "name - phone - email" then the address, inside the caller's paragraph.
#[component]
pub fn ServiceContactLine(contact: ServiceContact) -> impl IntoView {
    let address = contact.address_line();
    view! {
        {contact.name} " - " {contact.phone} " - "
        <a href=format!("mailto:{}", contact.email)>{contact.email.clone()}</a>
        {(!address.is_empty()).then(|| view! { <br /> {address} })}
    }
}
