"""Run database work off the GUI thread and post the results back by signal.

``DbTaskRunner`` owns one worker ``QThread`` (SQLite likes a single writer): jobs run one at a
time, in order. Results, errors and progress reach the GUI thread through queued signals; the
callbacks always run on the GUI thread. ``SyncTaskRunner`` runs jobs inline, for tests and
scripts, with the same callbacks.

A job is ``fn(ctx)``; ``ctx.progress(done, total, text)`` reports progress and
``ctx.cancelled()`` tells whether the user asked to stop. Cancelling is cooperative: the job
decides when to stop (a service's ``cancel`` callback).
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from rammedesk.gui.qt import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
PROGRESS_INTERVAL = 0.05  # seconds between progress updates posted to the GUI thread
ProgressFn = Callable[[int, int, str], None]
ErrorFn = Callable[[BaseException], None]


class TaskHandle:
    """What the caller keeps of a submitted job: lets it ask the job to stop."""

    def __init__(self) -> None:
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class TaskContext:
    """Given to the job on the worker thread."""

    def __init__(self, handle: TaskHandle, report: ProgressFn | None) -> None:
        self._handle = handle
        self._report = report

    def progress(self, done: int, total: int, text: str = "") -> None:
        if self._report is not None:
            self._report(done, total, text)

    def cancelled(self) -> bool:
        return self._handle.cancelled


@dataclass
class _Job(Generic[T]):
    id: int
    fn: Callable[[TaskContext], T]
    on_done: Callable[[T], None] | None
    on_error: ErrorFn | None
    on_progress: ProgressFn | None
    handle: TaskHandle = field(default_factory=TaskHandle)


class TaskRunner:
    """Common interface and callback delivery of both runners."""

    def __init__(self, on_unhandled: ErrorFn | None = None) -> None:
        # Errors without an on_error, and exceptions raised by callbacks, end up here
        # (the application's error reporter). Without one they are logged.
        self.on_unhandled = on_unhandled
        self._ids = itertools.count(1)

    def submit(
        self,
        fn: Callable[[TaskContext], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: ErrorFn | None = None,
        on_progress: ProgressFn | None = None,
        handle: TaskHandle | None = None,
    ) -> TaskHandle:
        job = _Job(next(self._ids), fn, on_done, on_error, on_progress, handle or TaskHandle())
        self._start(job)
        return job.handle

    def shutdown(self) -> None:
        """Finish queued jobs and stop. Safe to call twice."""

    def _start(self, job: _Job[Any]) -> None:
        raise NotImplementedError

    # -- delivery (GUI thread) ----------------------------------------------------------------

    def _deliver_done(self, job: _Job[Any], result: object) -> None:
        if job.on_done is not None:
            self._call(job.on_done, result)

    def _deliver_error(self, job: _Job[Any], exc: BaseException) -> None:
        if job.on_error is not None:
            self._call(job.on_error, exc)
        else:
            self._unhandled(exc)

    def _deliver_progress(self, job: _Job[Any], done: int, total: int, text: str) -> None:
        if job.on_progress is not None:
            self._call(job.on_progress, done, total, text)

    def _call(self, callback: Callable[..., object], *args: object) -> None:
        try:
            callback(*args)
        except Exception as exc:  # a bug in a callback must not vanish in the event loop
            self._unhandled(exc)

    def _unhandled(self, exc: BaseException) -> None:
        if self.on_unhandled is not None:
            self.on_unhandled(exc)
        else:
            log.error("Unhandled task error", exc_info=exc)


class SyncTaskRunner(TaskRunner):
    """Runs each job at once on the calling thread (tests, scripts)."""

    def _start(self, job: _Job[Any]) -> None:
        ctx = TaskContext(job.handle, lambda d, t, s: self._deliver_progress(job, d, t, s))
        try:
            result = job.fn(ctx)
        except Exception as exc:
            self._deliver_error(job, exc)
        else:
            self._deliver_done(job, result)


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted on the worker are queued to its slots."""

    done = Signal(object, object)
    failed = Signal(object, object)
    progressed = Signal(object, object, object, object)

    def __init__(self, runner: DbTaskRunner) -> None:
        super().__init__()
        self._runner = runner
        self.done.connect(self._on_done)
        self.failed.connect(self._on_failed)
        self.progressed.connect(self._on_progress)

    @Slot(object, object)
    def _on_done(self, job: _Job[Any], result: object) -> None:
        self._runner._deliver_done(job, result)

    @Slot(object, object)
    def _on_failed(self, job: _Job[Any], exc: BaseException) -> None:
        self._runner._deliver_error(job, exc)

    @Slot(object, object, object, object)
    def _on_progress(self, job: _Job[Any], done: int, total: int, text: str) -> None:
        self._runner._deliver_progress(job, done, total, text)


class _Worker(QThread):
    def __init__(self, jobs: queue.Queue[_Job[Any] | None], relay: _Relay) -> None:
        super().__init__()
        self.setObjectName("rammedesk-db")
        self._jobs = jobs
        self._relay = relay

    def run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            ctx = TaskContext(job.handle, self._progress_fn(job))
            try:
                result = job.fn(ctx)
            except Exception as exc:
                self._relay.failed.emit(job, exc)
            else:
                self._relay.done.emit(job, result)

    def _progress_fn(self, job: _Job[Any]) -> ProgressFn:
        last = [float("-inf")]

        def report(done: int, total: int, text: str) -> None:
            # At most one update per PROGRESS_INTERVAL (plus the last one): a job reporting
            # thousands of steps must not flood the GUI thread with repaints.
            now = time.monotonic()
            if now - last[0] >= PROGRESS_INTERVAL or done >= total:
                last[0] = now
                self._relay.progressed.emit(job, done, total, text)

        return report


class DbTaskRunner(TaskRunner):
    """One database worker thread; create it on the GUI thread."""

    def __init__(self, on_unhandled: ErrorFn | None = None) -> None:
        super().__init__(on_unhandled)
        self._jobs: queue.Queue[_Job[Any] | None] = queue.Queue()
        self._relay = _Relay(self)
        self._worker = _Worker(self._jobs, self._relay)
        self._stopped = False
        self._worker.start()

    def _start(self, job: _Job[Any]) -> None:
        if self._stopped:
            raise RuntimeError("task runner is shut down")
        self._jobs.put(job)

    def shutdown(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._jobs.put(None)
        self._worker.wait()
