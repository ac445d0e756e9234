"""``run(..., report='progress')``: a progress bar with simulated time, wall time and ETA.

tqdm draws it when installed (``tqdm.auto``: a widget in notebooks, a text bar in terminals;
``pip install 'eqsim[progress]'``); otherwise a one-line bar redrawn in place on stdout.
"""
import sys

BAR_WIDTH = 30


def _tqdm_class():
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    return tqdm


class ProgressBar:
    """Called as a reporter ``(elapsed_s, completed, t_start_s, duration_s)``; redrawn after
    every chunk of the run (not only every ``report_period``) and closed by the network."""

    every_chunk = True

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self.tqdm = _tqdm_class()
        self.bar = None
        self.closed = False

    def __call__(self, elapsed, completed, start, duration):
        if self.tqdm is not None:
            self._tqdm_update(completed, duration)
        else:
            self._text_update(elapsed, completed, duration)

    def _tqdm_update(self, completed, duration):
        if self.bar is None:
            self.bar = self.tqdm(total=duration, unit="s", leave=True, file=self.stream,
                                 bar_format="{l_bar}{bar}| {n:.4g}/{total:.4g} s simulated "
                                            "[{elapsed}<{remaining}]")
        self.bar.update(completed * duration - self.bar.n)

    def _text_update(self, elapsed, completed, duration):
        filled = int(round(completed * BAR_WIDTH))
        eta = elapsed / completed * (1 - completed) if completed > 0 else float("nan")
        eta_text = f"ETA {eta:.1f} s" if completed > 0 else "ETA ?"
        self.stream.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {completed:4.0%} "
                          f"{completed * duration:.4g}/{duration:.4g} s simulated, "
                          f"{elapsed:.1f} s wall, {eta_text}   ")
        self.stream.flush()

    def close(self):
        """End the bar (after the run ends, is stopped or fails)."""
        if self.closed:
            return
        self.closed = True
        if self.bar is not None:
            self.bar.close()
        elif self.tqdm is None:
            self.stream.write("\n")
            self.stream.flush()
