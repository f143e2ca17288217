//! Background work for the explorer: a thread whose panic becomes an error message instead of
//! taking the terminal down under a UI that keeps running.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::thread::JoinHandle;

/// Why background work ended without a result.
#[derive(Debug, thiserror::Error)]
pub enum Failed<E> {
    /// The work itself failed.
    #[error(transparent)]
    Work(#[from] E),
    /// The work panicked; `why` is the panic's message, made safe for a terminal.
    #[error("{task} failed unexpectedly ({why}); nothing was changed")]
    Panicked {
        /// The thread's name.
        task: String,
        /// The panic's message.
        why: String,
    },
    /// The thread could not be joined, which only a broken runtime does.
    #[error("a background task failed")]
    Lost,
}

/// Run `work` on a thread named `name`; a panic in it ends as [`Failed::Panicked`].
pub fn spawn<T: Send + 'static, E: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> std::io::Result<JoinHandle<Result<T, Failed<E>>>> {
    let label = name.to_owned();
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || match catch_unwind(AssertUnwindSafe(work)) {
            Ok(result) => result.map_err(Failed::Work),
            Err(payload) => {
                let why = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "no message".to_owned());
                Err(Failed::Panicked {
                    task: label,
                    why: mtafit_model::text::sanitize(&why).into_owned(),
                })
            }
        })
}

/// The result of a finished thread, or `None` while it runs.
pub fn finished<T, E>(
    handle: &mut Option<JoinHandle<Result<T, Failed<E>>>>,
) -> Option<Result<T, Failed<E>>> {
    if !handle.as_ref()?.is_finished() {
        return None;
    }
    let h = handle.take()?;
    // The closure catches its own panic, so joining only fails if the runtime itself does.
    Some(h.join().unwrap_or(Err(Failed::Lost)))
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
        let mut h = Some(
            spawn("measuring", || -> Result<u32, std::io::Error> {
                panic!("boom")
            })
            .unwrap(),
        );
        let result = loop {
            if let Some(r) = finished(&mut h) {
                break r;
            }
            std::thread::yield_now();
        };
        let e = result.unwrap_err();
        assert!(matches!(e, Failed::Panicked { .. }), "{e:?}");
        assert_eq!(
            e.to_string(),
            "measuring failed unexpectedly (boom); nothing was changed"
        );
        assert!(h.is_none(), "the handle is consumed once it ends");
        let mut ok = Some(spawn("work", || Ok::<_, std::io::Error>(7)).unwrap());
        let r = loop {
            if let Some(r) = finished(&mut ok) {
                break r;
            }
            std::thread::yield_now();
        };
        assert_eq!(r.unwrap(), 7);
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
