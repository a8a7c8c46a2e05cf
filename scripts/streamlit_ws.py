"""A Streamlit websocket client for load tests: one session, its widgets, timed reruns.

Speaks Streamlit's private protocol (``BackMsg``/``ForwardMsg`` protobufs, pinned
streamlit 1.67.0) as the browser does, without a browser:

- a rerun request is a ``BackMsg.rerun_script`` with the changed widget's state, the page
  it is on and, for a widget drawn inside a fragment, that fragment's id;
- what it sets off may be several script runs: a callback that calls
  ``st.rerun(fragment)`` ends the full run early (``FINISHED_EARLY_FOR_RERUN``, 2) and a
  fragment run follows (``FINISHED_FRAGMENT_RUN_SUCCESSFULLY``, 3). Statuses 0, 2 and 3
  are normal; only 0 and 3 end the request. Status 1 (compile error) is an error;
- the round trip is measured from sending the request to the last delta of its last run
  (the moment the page is complete), and also to that run's ``script_finished``.
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = ForwardMsg.ScriptFinishedStatus
END_STATUSES = (FINISHED.FINISHED_SUCCESSFULLY, FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
NORMAL_STATUSES = (*END_STATUSES, FINISHED.FINISHED_EARLY_FOR_RERUN)
WIDGET_TYPES = (
    "slider",
    "radio",
    "button",
    "selectbox",
    "button_group",
    "checkbox",
    "text_input",
    "multiselect",
    "file_uploader",
)
MAX_RUNS_PER_REQUEST = 8  # a request that sets off more runs than this is an error


class ProtocolError(RuntimeError):
    """The server answered in a way a browser would not accept."""


@dataclass
class Widget:
    """A widget as the last run drew it."""

    id: str
    kind: str
    label: str
    fragment_id: str
    options: list[str] = field(default_factory=list)


@dataclass
class RoundTrip:
    """One request and every script run it set off."""

    to_last_delta_s: float
    to_finished_s: float
    runs: int
    deltas: int
    statuses: list[int]
    exceptions: list[str]

    @property
    def real(self) -> bool:
        """A round trip that drew something and took a positive, finite time."""
        t = self.to_last_delta_s
        return self.deltas > 0 and math.isfinite(t) and t > 0 and not self.exceptions


def _set_value(ws: WidgetState, widget: Widget, value: object) -> None:
    if widget.kind == "slider" and widget.options:  # st.select_slider: the option's label
        ws.string_array_value.data.append(str(value))
    elif widget.kind == "slider":
        ws.double_array_value.data.append(float(value))  # type: ignore[arg-type]
    elif widget.kind == "button":
        ws.trigger_value = bool(value)
    elif widget.kind in ("checkbox", "expander"):
        ws.bool_value = bool(value)
    elif widget.kind in ("radio", "selectbox", "text_input"):
        ws.string_value = str(value)
    elif widget.kind in ("button_group", "multiselect"):
        ws.string_array_value.data.extend([str(value)])
    else:
        raise ValueError(f"no widget state for a {widget.kind}")


def drawn_state(kind: str, w) -> WidgetState | None:
    """The state a browser reports for a widget as the server drew it (None: not reported)."""
    ws = WidgetState(id=w.id)
    if kind == "slider" and w.options:  # st.select_slider: labels, drawn as indices
        picked = w.value if w.set_value else w.default
        ws.string_array_value.data.extend(w.options[int(i)] for i in picked)
    elif kind == "slider":
        ws.double_array_value.data.extend(w.value if w.set_value else w.default)
    elif kind == "checkbox":
        ws.bool_value = w.value if w.set_value else w.default
    elif kind in ("button_group", "multiselect"):
        opts = [getattr(o, "content", o) for o in w.options]
        ws.string_array_value.data.extend(
            w.raw_values if w.set_value else [opts[i] for i in w.default]
        )
    elif kind in ("radio", "selectbox"):
        if w.set_value and w.HasField("raw_value"):
            ws.string_value = w.raw_value
        elif w.HasField("default") and w.default < len(w.options):
            ws.string_value = w.options[w.default]
    elif kind == "text_input":
        ws.string_value = w.value if w.set_value else w.default
    elif kind == "file_uploader":
        ws.file_uploader_state_value.SetInParent()
    else:
        return None  # buttons: a trigger is reported only in the request that presses it
    return ws


class Session:
    """One websocket session of the app; ``request`` sends a rerun and times it."""

    def __init__(self, ws, *, timeout_s: float = 60.0) -> None:
        self.ws, self.timeout_s = ws, timeout_s
        self.widgets: dict[str, Widget] = {}  # by label, as the last runs drew them
        self.drawn: set[str] = set()  # labels of the widgets the last request's runs drew
        self.states: dict[str, WidgetState] = {}  # by id: what a browser would report
        self.page_hash = ""
        self.query_string = ""
        self.bytes_in = 0

    @classmethod
    async def open(cls, url: str, *, headers: dict[str, str] | None = None,
                   timeout_s: float = 60.0) -> Session:  # fmt: skip
        ws = await websockets.connect(url, subprotocols=["streamlit"], max_size=None,
                                      additional_headers=headers, open_timeout=30)  # fmt: skip
        return cls(ws, timeout_s=timeout_s)

    async def close(self) -> None:
        await self.ws.close()

    def offers(self, label: str) -> bool:
        """Whether the page now shows this widget (with something to choose, for a choice)."""
        w = self.widgets.get(label)
        if w is None or label not in self.drawn:
            return False
        return bool(w.options) or w.kind not in ("radio", "selectbox", "button_group")

    def options(self, label: str) -> list[str]:
        """The options of a widget as last drawn ([] if it has none or is not drawn)."""
        w = self.widgets.get(label)
        return w.options if w is not None and label in self.drawn else []

    def value(self, label: str) -> float | str | None:
        """A slider's or choice's current value, as the browser would report it."""
        w = self.widgets.get(label)
        ws = self.states.get(w.id) if w is not None else None
        if ws is None:
            return None
        kind = ws.WhichOneof("value")
        if kind == "double_array_value":
            return ws.double_array_value.data[0] if ws.double_array_value.data else None
        if kind == "string_array_value":
            return ws.string_array_value.data[0] if ws.string_array_value.data else None
        return getattr(ws, kind) if kind in ("string_value", "int_value", "double_value") else None

    async def first_run(self, query_string: str = "") -> RoundTrip:
        """The run a browser asks for when the page opens."""
        self.query_string = query_string
        return await self.request(None)

    async def set(self, label: str, value: object) -> RoundTrip:
        """Set the widget labelled ``label`` (as drawn by the last run) and time the rerun."""
        widget = self.widgets.get(label)
        if widget is None:
            raise ProtocolError(f"no widget labelled {label!r} on the page")
        return await self.request(widget, value)

    def _message(self, widget: Widget | None, value: object) -> BackMsg:
        """Every widget's state, as the browser reports it, with ``widget`` set to ``value``."""
        msg = BackMsg()
        rs = msg.rerun_script
        rs.query_string, rs.page_script_hash = self.query_string, self.page_hash
        changed = None
        if widget is not None:
            changed = WidgetState(id=widget.id)
            _set_value(changed, widget, value)
            rs.fragment_id = widget.fragment_id  # a widget in a fragment reruns only it
            if widget.kind != "button":
                self.states[widget.id] = changed
        for ws in self.states.values():
            if changed is None or ws.id != changed.id:
                rs.widget_states.widgets.append(ws)
        if changed is not None:
            rs.widget_states.widgets.append(changed)
        return msg

    async def request(self, widget: Widget | None = None, value: object = None) -> RoundTrip:
        """Send a rerun request; read until its last run ends; return the timings."""
        msg = self._message(widget, value)
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        deadline = t0 + self.timeout_s
        last_delta, deltas, statuses, exceptions = t0, 0, [], []
        drawn_now: set[str] = set()
        fragment = ""
        while len(statuses) < MAX_RUNS_PER_REQUEST:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no end of the run within {self.timeout_s:.0f} s")
            raw = await asyncio.wait_for(self.ws.recv(), left)
            now = time.perf_counter()
            self.bytes_in += len(raw)
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            kind = fm.WhichOneof("type")
            if kind == "new_session":
                if fm.new_session.page_script_hash:
                    self.page_hash = fm.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = fm.page_info_changed.query_string
            elif kind == "delta":
                deltas += 1
                last_delta = now
                fragment = fm.delta.fragment_id
                if fm.delta.WhichOneof("type") == "new_element":
                    self._see(fm.delta.new_element, fragment, exceptions, drawn_now)
                elif fm.delta.WhichOneof("type") == "add_block":
                    self._see_block(fm.delta.add_block, fragment, drawn_now)
            elif kind == "script_finished":
                statuses.append(fm.script_finished)
                if fm.script_finished not in NORMAL_STATUSES:
                    raise ProtocolError(f"script finished with status {fm.script_finished}")
                if fm.script_finished in END_STATUSES:
                    # A fragment run redraws only its widgets; the rest stay on the page.
                    if fm.script_finished == FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                        outside = {k for k in self.drawn if not self.widgets[k].fragment_id}
                        drawn_now |= outside
                    self.drawn = drawn_now
                    return RoundTrip(last_delta - t0, now - t0, len(statuses), deltas,
                                     statuses, exceptions)  # fmt: skip
        raise ProtocolError(f"one request set off more than {MAX_RUNS_PER_REQUEST} runs")

    def _see_block(self, block, fragment: str, drawn: set[str]) -> None:
        """An expander that tracks its state (``on_change``) is a widget: open or closed."""
        if block.WhichOneof("type") != "expandable" or not block.expandable.id:
            return
        e = block.expandable
        drawn.add(e.label)
        self.widgets[e.label] = Widget(e.id, "expander", e.label, fragment, [])
        if e.id not in self.states:
            self.states[e.id] = WidgetState(id=e.id, bool_value=e.expanded)

    def _see(self, el, fragment: str, exceptions: list[str], drawn: set[str]) -> None:
        etype = el.WhichOneof("type")
        if etype == "exception":
            exceptions.append(f"{el.exception.type}: {el.exception.message}"[:200])
        elif etype in WIDGET_TYPES:
            w = getattr(el, etype)
            label = getattr(w, "label", "") or getattr(w, "id", "")
            options = [getattr(o, "content", o) for o in getattr(w, "options", [])]
            drawn.add(label)
            self.widgets[label] = Widget(w.id, etype, label, fragment, [str(o) for o in options])
            if w.id not in self.states or getattr(w, "set_value", False):
                state = drawn_state(etype, w)
                if state is not None:
                    self.states[w.id] = state
