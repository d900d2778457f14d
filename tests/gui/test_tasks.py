"""The DB task runner: work on the worker thread, callbacks on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from rammedesk.gui.tasks import DbTaskRunner, SyncTaskRunner, TaskContext


class RecordingRunner(DbTaskRunner):
    def __init__(self) -> None:
        self.errors: list[BaseException] = []
        super().__init__(on_unhandled=self.errors.append)


@pytest.fixture
def runner(qapp: Any) -> Iterator[RecordingRunner]:
    runner = RecordingRunner()
    yield runner
    runner.shutdown()


def test_job_runs_on_worker_and_result_arrives_on_gui_thread(qtbot: Any, runner: Any) -> None:
    gui_thread = threading.get_ident()
    seen: dict[str, int] = {}

    def job(ctx: TaskContext) -> int:
        seen["job"] = threading.get_ident()
        return 42

    results: list[int] = []

    def done(value: int) -> None:
        seen["callback"] = threading.get_ident()
        results.append(value)

    runner.submit(job, on_done=done)
    qtbot.waitUntil(lambda: results == [42])
    assert seen["job"] != gui_thread
    assert seen["callback"] == gui_thread


def test_jobs_run_in_order_on_one_thread(qtbot: Any, runner: Any) -> None:
    threads: set[int] = set()
    order: list[int] = []

    def job(n: int) -> Any:
        def run(ctx: TaskContext) -> int:
            threads.add(threading.get_ident())
            return n

        return run

    for n in range(5):
        runner.submit(job(n), on_done=order.append)
    qtbot.waitUntil(lambda: len(order) == 5)
    assert order == [0, 1, 2, 3, 4]
    assert len(threads) == 1


def test_error_is_delivered_with_its_traceback(qtbot: Any, runner: Any) -> None:
    errors: list[BaseException] = []

    def job(ctx: TaskContext) -> None:
        raise ValueError("kaput")

    runner.submit(job, on_error=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert isinstance(errors[0], ValueError)
    assert errors[0].__traceback__ is not None


def test_error_without_handler_goes_to_unhandled(qtbot: Any, runner: Any) -> None:
    runner.submit(lambda ctx: 1 / 0)
    qtbot.waitUntil(lambda: len(runner.errors) == 1)
    assert isinstance(runner.errors[0], ZeroDivisionError)


def test_exception_in_callback_goes_to_unhandled(qtbot: Any, runner: Any) -> None:
    def bad(_value: object) -> None:
        raise RuntimeError("callback bug")

    runner.submit(lambda ctx: None, on_done=bad)
    qtbot.waitUntil(lambda: len(runner.errors) == 1)
    assert str(runner.errors[0]) == "callback bug"


def test_progress_and_cancel(qtbot: Any, runner: Any) -> None:
    progress: list[tuple[int, int, str]] = []
    started = threading.Event()
    outcome: list[str] = []

    def job(ctx: TaskContext) -> str:
        ctx.progress(1, 3, "første")
        started.set()
        while not ctx.cancelled():
            threading.Event().wait(0.005)
        ctx.progress(3, 3, "afbrudt")  # the last step always gets through
        return "stopped"

    handle = runner.submit(job, on_done=outcome.append, on_progress=lambda *a: progress.append(a))
    assert started.wait(5)
    handle.cancel()
    qtbot.waitUntil(lambda: outcome == ["stopped"])
    assert progress == [(1, 3, "første"), (3, 3, "afbrudt")]
    assert handle.cancelled


def test_progress_is_throttled_but_the_last_step_arrives(qtbot: Any, runner: Any) -> None:
    progress: list[int] = []
    finished: list[None] = []

    def job(ctx: TaskContext) -> None:
        for n in range(1, 5001):
            ctx.progress(n, 5000, f"{n}")

    runner.submit(job, on_done=finished.append, on_progress=lambda d, t, s: progress.append(d))
    qtbot.waitUntil(lambda: finished == [None])
    assert progress[0] == 1 and progress[-1] == 5000
    assert len(progress) < 100


def test_shutdown_finishes_queued_jobs_and_refuses_new(qapp: Any) -> None:
    runner = DbTaskRunner()
    ran: list[int] = []
    for n in range(3):
        runner.submit(lambda ctx, n=n: ran.append(n))  # type: ignore[misc]
    runner.shutdown()
    runner.shutdown()  # twice is fine
    assert ran == [0, 1, 2]
    with pytest.raises(RuntimeError):
        runner.submit(lambda ctx: None)


def test_sync_runner_delivers_inline() -> None:
    runner = SyncTaskRunner()
    events: list[object] = []

    def job(ctx: TaskContext) -> str:
        ctx.progress(1, 1, "x")
        return "ok"

    runner.submit(job, on_done=events.append, on_progress=lambda *a: events.append(a))
    assert events == [(1, 1, "x"), "ok"]
    errors: list[BaseException] = []

    def fails(ctx: TaskContext) -> None:
        raise IndexError("x")

    runner.submit(fails, on_error=errors.append)
    assert isinstance(errors[0], IndexError)
