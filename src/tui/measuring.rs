//! A mail log measured in the background for the profile editor: the job, its progress and its
//! result, which the event loop collects.

/// What a measuring thread ends with.
pub type MeasureResult =
    Result<mtafit_measure::Measured, super::worker::Failed<mtafit_measure::MeasureError>>;

/// A measurement running on its own thread; the event loop collects the result.
#[derive(Debug, Clone)]
pub struct Measuring {
    /// The log.
    pub path: std::path::PathBuf,
    /// Its progress, and the way to stop it.
    pub meter: std::sync::Arc<mtafit_measure::Meter>,
    /// The thread, once started; joined when it ends, so a panic is reported, not lost.
    pub thread: std::sync::Arc<std::sync::Mutex<Option<std::thread::JoinHandle<MeasureResult>>>>,
}

impl Measuring {
    /// A measurement of `path`, not yet started.
    pub fn new(path: std::path::PathBuf) -> Measuring {
        Measuring {
            path,
            meter: Default::default(),
            thread: Default::default(),
        }
    }

    /// The log's file name as messages show it (control characters removed).
    pub fn name(&self) -> String {
        let name = self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        mtafit_model::text::sanitize(&name).into_owned()
    }

    /// Take the result when the thread has finished (a panic in it is an `Err`).
    pub fn take(&self) -> Option<MeasureResult> {
        super::worker::finished(&mut *self.thread.lock().ok()?)
    }

    /// Ask the thread to stop.
    pub fn stop(&self) {
        self.meter
            .cancel
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
}
