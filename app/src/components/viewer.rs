//! Who is signed in, read once per page load and refreshed after sign-in and sign-out.

use crate::api::account::current_viewer;
use crate::error::AppError;
use crate::model::Viewer;
use leptos::prelude::*;

/// The signed-in candidate, shared by the menu and the pages.
#[derive(Clone, Copy)]
pub struct ViewerResource(pub Resource<Result<Option<Viewer>, AppError>>);

/// Creates the resource and provides it to the whole application.
pub fn provide_viewer() {
    provide_context(ViewerResource(Resource::new(|| (), |_| current_viewer())));
}

/// The resource provided by the application.
pub fn use_viewer() -> ViewerResource {
    expect_context::<ViewerResource>()
}
