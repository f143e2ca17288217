//! Background work for the explorer: a thread whose panic becomes an error message instead of
//! taking the terminal down under a UI that keeps running.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::thread::JoinHandle;

/// Run `work` on a thread named `name`; a panic in it ends as `Err` with the panic's message.
pub fn spawn<T: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> std::io::Result<JoinHandle<Result<T, String>>> {
    let label = name.to_owned();
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
                let why = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "no message".to_owned());
                Err(format!(
                    "{label} failed unexpectedly ({}); nothing was changed",
                    mtafit_model::text::sanitize(&why)
                ))
            })
        })
}

/// The result of a finished thread, or `None` while it runs.
pub fn finished<T>(
    handle: &mut Option<JoinHandle<Result<T, String>>>,
) -> Option<Result<T, String>> {
    if !handle.as_ref()?.is_finished() {
        return None;
    }
    let h = handle.take()?;
    // The closure catches its own panic, so joining only fails if the runtime itself does.
    Some(
        h.join()
            .unwrap_or_else(|_| Err("a background task failed".to_owned())),
    )
}

/// True on the thread that owns the terminal: only a panic there may restore it.
pub fn owns_terminal(main: std::thread::ThreadId) -> bool {
    std::thread::current().id() == main
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_and_the_thread_ends() {
        let mut h = Some(spawn("measuring", || -> Result<u32, String> { panic!("boom") }).unwrap());
        let result = loop {
            if let Some(r) = finished(&mut h) {
                break r;
            }
            std::thread::yield_now();
        };
        let e = result.unwrap_err();
        assert!(e.contains("measuring failed unexpectedly (boom)"), "{e}");
        assert!(h.is_none(), "the handle is consumed once it ends");
        let mut ok = Some(spawn("work", || Ok(7)).unwrap());
        let r = loop {
            if let Some(r) = finished(&mut ok) {
                break r;
            }
            std::thread::yield_now();
        };
        assert_eq!(r, Ok(7));
    }

    #[test]
    fn only_the_terminal_thread_owns_the_terminal() {
        let main = std::thread::current().id();
        assert!(owns_terminal(main));
        let other = std::thread::spawn(move || owns_terminal(main))
            .join()
            .unwrap();
        assert!(!other);
    }
}
