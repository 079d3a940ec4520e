//! What every tab of one wizard shares: a leaf the wizard and its tabs import (the tabs
//! never import the wizard).

use crate::components::form::FormState;
use crate::model::{RegistrationForm, SavedCandidature, Wizard};
use leptos::prelude::*;

/// What every tab of one wizard shares.
#[derive(Clone, Copy)]
pub struct WizardContext {
    pub data: StoredValue<Wizard>,
    pub form: FormState<RegistrationForm>,
    /// The récapitulatif's words for the établissement chosen.
    pub etablissement_label: RwSignal<String>,
    pub saved: RwSignal<Option<SavedCandidature>>,
}

impl WizardContext {
    /// The wizard's context, from any tab.
    pub fn get() -> Self {
        expect_context::<WizardContext>()
    }
}
