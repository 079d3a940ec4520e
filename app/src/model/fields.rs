//! The forms of the wire as text fields addressed by their name: the same names as the
//! HTML controls, so a form posted by the browser itself fills the same type.

use crate::model::home::MessageForm;
use crate::model::staff::{EnrolmentForm, StaffSignInForm};
use crate::model::{
    AccountForm, ActivationForm, EmailChangeForm, NewPasswordForm, RegistrationForm, SignInForm,
};

/// A form whose fields are text, addressed by name.
pub trait FormFields: Clone + Send + Sync + 'static {
    fn get(&self, name: &str) -> String;
    fn set(&mut self, name: &str, value: String);
}

macro_rules! form_fields {
    ($t:ty { $($f:ident),* $(,)? }) => {
        impl FormFields for $t {
            fn get(&self, name: &str) -> String {
                match name {
                    $(stringify!($f) => self.$f.clone(),)*
                    _ => String::new(),
                }
            }
            fn set(&mut self, name: &str, value: String) {
                match name {
                    $(stringify!($f) => self.$f = value,)*
                    _ => {}
                }
            }
        }
    };
}

form_fields!(AccountForm {
    civility,
    birth_name,
    birth_name_confirm,
    usage_name,
    first_names,
    birth_country,
    birth_date,
    birth_date_confirm,
    birth_departement,
    birth_commune,
    email,
    email_confirm,
    password,
    password_confirm,
});
form_fields!(SignInForm { email, password });
form_fields!(MessageForm {
    id,
    revision,
    title,
    body,
    visible_from,
    visible_until,
    academy,
    published,
});
form_fields!(ActivationForm { password });
form_fields!(RegistrationForm {
    address_country,
    address_1,
    address_2,
    address_3,
    address_4,
    postal_code,
    locality,
    nationality,
    phone,
    corps,
    statut,
    position,
    work_country,
    work_departement,
    work_locality,
    etablissement,
});
form_fields!(EmailChangeForm {
    email,
    email_confirm,
    email_current_password
});
form_fields!(NewPasswordForm {
    current_password,
    password,
    password_confirm
});
form_fields!(StaffSignInForm {
    email,
    password,
    code
});
form_fields!(EnrolmentForm {
    password,
    password_confirm,
    code
});
