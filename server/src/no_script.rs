//! The account forms posted by the browser itself, before the client code is ready or
//! without JavaScript (progressive enhancement): `POST` to the page's own address, answered
//! by `app::api::posted` with the very server functions the client calls. Accepted: 303 to
//! the next page. Refused: the page rendered again with what was typed (never a password)
//! and the messages beside the fields, with the refusal's status. The cross-site refusal,
//! the session layer and the body limit are those of the pages around it.

use app::api::posted::{Answer, answer};
use app::server::AppState;
use app::shell;
use axum::body::Body;
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;
use leptos::reactive::owner::Owner;
use std::sync::Arc;

/// What the handler needs beyond the request.
#[derive(Clone)]
pub struct Context {
    pub state: AppState,
    pub options: LeptosOptions,
}

/// `POST /connexion` and the other pages of `app::api::posted::PATHS`.
pub async fn post(State(context): State<Arc<Context>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    let fields = match axum::Form::<Vec<(String, String)>>::from_request(
        Request::from_parts(parts.clone(), body),
        &(),
    )
    .await
    {
        Ok(axum::Form(fields)) => fields,
        Err(rejection) => return rejection.into_response(),
    };
    // The server function's context: the request's parts (its session, its address) and
    // the state, as leptos_axum gives them to a server function.
    let owner = Owner::new();
    let state = context.state.clone();
    // What the server function adds to its answer (the back-office's cookie), kept for ours.
    let options = leptos_axum::ResponseOptions::default();
    let answered = owner
        .with(|| {
            provide_context(parts.clone());
            provide_context(options.clone());
            provide_context(state);
            ScopedFuture::new(answer(&path, fields))
        })
        .await;
    let set_cookies: Vec<HeaderValue> = options
        .0
        .read()
        .map(|p| {
            p.headers
                .get_all(header::SET_COOKIE)
                .iter()
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let mut response = respond(answered, parts, path, &context).await;
    for cookie in set_cookies {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// The answer to the browser: the next page, or this one rendered again.
async fn respond(
    answered: Answer,
    parts: axum::http::request::Parts,
    path: String,
    context: &Context,
) -> Response {
    match answered {
        Answer::Redirect(to) => see_other(&to),
        Answer::Page { query, posted } => page_with(posted, parts, &path, &query, context).await,
    }
}

/// The page at `path` (with its own `query`) rendered as a GET of it would be, given
/// `posted`: what was typed and why it was refused, with the refusal's status.
pub async fn page_with(
    posted: app::model::Posted,
    parts: axum::http::request::Parts,
    path: &str,
    query: &str,
    context: &Context,
) -> Response {
    let status = posted
        .error
        .as_ref()
        .and_then(|e| StatusCode::from_u16(e.status()).ok())
        .unwrap_or(StatusCode::OK);
    let retry_after = posted.error.as_ref().and_then(|e| e.retry_after_secs());
    let mut parts = parts;
    parts.method = Method::GET;
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    let uri = if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    };
    parts.uri = uri.parse::<Uri>().unwrap_or_else(|_| Uri::from_static("/"));
    let Context { state, options } = context.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            provide_context(posted.clone());
        },
        move || shell(options.clone()),
    );
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    if let Some(secs) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

pub fn see_other(to: &str) -> Response {
    match HeaderValue::from_str(to) {
        Ok(location) => (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response(),
        Err(_) => StatusCode::BAD_REQUEST.into_response(),
    }
}
