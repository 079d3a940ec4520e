//! The antivirus (issue 14; security checklist line 27), against the real clamd the test
//! command starts with its two test signatures (`CYCLADES_TEST_CLAMD`): the EICAR test file,
//! built here from pieces so that no antivirus flags the repository, is found; a clean file
//! and a large one pass; a clamd that does not answer is an error, never "clean".

use app::server::antivirus::{Clamd, Verdict};

fn clamd() -> Clamd {
    let address = std::env::var("CYCLADES_TEST_CLAMD")
        .expect("CYCLADES_TEST_CLAMD: run the tests with ./cyclades test, which starts clamd");
    Clamd::parse(&address).expect("unix:PATH or tcp:HOST:PORT")
}

/// The 68 bytes of the EICAR test file.
fn eicar() -> Vec<u8> {
    let head = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$";
    let tail = ["EICAR", "-STANDARD-ANTIVIRUS-TEST-FILE!", "$H+H*"].concat();
    format!("{head}{tail}").into_bytes()
}

#[tokio::test]
async fn the_eicar_test_file_is_found_and_a_clean_file_passes() {
    let clamd = clamd();
    clamd.ping().await.unwrap();
    assert_eq!(eicar().len(), 68);
    match clamd.scan(&eicar()[..]).await.unwrap() {
        Verdict::Infected(signature) => assert!(signature.contains("EICAR"), "{signature}"),
        Verdict::Clean => panic!("the EICAR test file passed"),
    }
    assert_eq!(
        clamd.scan(&b"Bonjour, voici ma piece."[..]).await.unwrap(),
        Verdict::Clean
    );
    // A file of the largest size deposited, in many chunks.
    let large = vec![b'a'; 5 * 1024 * 1024];
    assert_eq!(clamd.scan(&large[..]).await.unwrap(), Verdict::Clean);
}

#[tokio::test]
async fn a_clamd_that_does_not_answer_is_an_error_never_clean() {
    for absent in [
        Clamd::Unix("/nonexistent/clamd.sock".into()),
        Clamd::Tcp("127.0.0.1:1".into()),
    ] {
        assert!(absent.ping().await.is_err(), "{absent:?}");
        assert!(absent.scan(&b"x"[..]).await.is_err(), "{absent:?}");
    }
}
