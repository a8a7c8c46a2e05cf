"""Saved views and the briefing deck: Save view, the deck's list, Prepare deck (PPTX/PDF/GIF)."""

from collections.abc import Callable
from typing import Any

import streamlit as st

from components.atlas_map import overlay_inputs
from components.data import load_dataset
from components.export_panel import ExportFile, reopen_url
from components.overlays import overlay_store
from components.panels import open_panel
from geo.errors import ExportError, ViewDocError
from geo.text import escape_markdown as md
from geo.view import View
from geo.view_doc import view_from_doc, view_to_doc
from render import deck
from store import SavedView, SavedViewError, StoreError, ViewStore
from store.config import database_url
from store.models import NAME_MAX, NOTE_MAX

FPS = (0.5, 1.0, 2.0, 4.0)
_OPEN, _MSG, _NOTICE, _READY = "deck_open", "deck_msg", "deck_notice", "deck_ready"


def _secret_url() -> str | None:
    try:
        return str(st.secrets["connections"]["sql"]["url"])
    except (KeyError, FileNotFoundError, TypeError):  # no secrets file, or no such entry
        return None


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> ViewStore | StoreError:
    # One store (one engine, one pool) per process and URL; a failure is kept too, so a
    # broken database costs one attempt, not one per rerun ("Try again" clears it).
    try:
        return ViewStore(url)
    except StoreError as exc:
        return exc


def view_store() -> ViewStore | StoreError:
    """Return the process's store, migrated at first use, or why saving is disabled."""
    try:
        url = database_url(_secret_url())
    except StoreError as exc:
        return exc
    return _open_store(url)


def _store() -> ViewStore:
    store = view_store()
    if isinstance(store, StoreError):
        raise store
    return store


def _act(action: Callable[[ViewStore], Any], done: str = "") -> None:
    """Run a store action from a button callback; keep its message for the panel."""
    try:
        action(_store())
        st.session_state[_MSG] = ("success", done) if done else None
    except (SavedViewError, StoreError) as exc:
        st.session_state[_MSG] = ("error", str(exc))


def _save(view: View) -> None:
    name, note = st.session_state.get("deck_name", ""), st.session_state.get("deck_note", "")
    _act(lambda s: s.save(name, note, view_to_doc(view)), f"Saved “{name.strip()}” to the deck.")
    if (st.session_state.get(_MSG) or ("",))[0] == "success":  # keep the text if refused
        st.session_state["deck_name"] = st.session_state["deck_note"] = ""


def _edit(item: SavedView) -> None:
    name = st.session_state.get(f"deck_rn_{item.id}", item.name)
    note = st.session_state.get(f"deck_nt_{item.id}", item.note)
    _act(lambda s: s.edit(item.id, name=name, note=note, revision=item.revision))


def _ask_open(view_id: int) -> None:
    st.session_state[_OPEN] = view_id


def _opened(present: list[str]) -> View | None:
    """The view asked for by an Open button, without overlays this session lacks."""
    view_id = st.session_state.pop(_OPEN, None)
    if view_id is None:
        return None
    try:
        item = _store().get(view_id)
        if item is None:
            raise SavedViewError("This saved view was deleted in another session.")
        view = view_from_doc(item.doc)
    except (SavedViewError, StoreError, ViewDocError) as exc:
        st.session_state[_MSG] = ("error", str(exc))
        return None
    missing = [n for n in view.overlays if n not in present]
    view = view.with_(overlays=tuple(n for n in view.overlays if n in present))
    text = f"Opened “{item.name}”."
    if missing:
        many = len(missing) > 1
        text = (
            f"Opened “{item.name}” without the overlay{'s' * many} {', '.join(missing)}: "
            f"{'they are' if many else 'it is'} not loaded in this session. Load "
            f"{'them' if many else 'it'} again to see {'them' if many else 'it'}."
        )
    st.session_state[_NOTICE] = (text, view.content_key())
    return view


def deck_panel(view: View, overlays_present: list[str]) -> View | None:
    """Draw **Save view** and the **Briefing deck**; return a saved view the analyst opened.

    Its contents (and the read of the saved views) run only while it is open.
    """
    opened = _opened(overlays_present)
    panel = open_panel("Briefing deck · saved views", key="deck_panel_open",
                       icon=":material/slideshow:")  # fmt: skip
    if panel is None:
        return opened
    with panel:
        store = view_store()
        if isinstance(store, StoreError):
            st.warning(f"Saving views is off: {md(store)}", icon=":material/database_off:")
            if st.button("Try again", key="deck_retry"):
                _open_store.clear()
                st.rerun()
            return opened
        _messages(view if opened is None else opened)
        _save_form(view)
        try:
            items = store.views()
        except StoreError as exc:
            st.error(md(exc), icon=":material/error:")
            return opened
        _deck_list(items)
        _prepare(items, view)
    return opened


def _messages(view: View) -> None:
    msg = st.session_state.pop(_MSG, None)
    if msg:
        (st.success if msg[0] == "success" else st.error)(md(msg[1]))
    notice = st.session_state.get(_NOTICE)
    if notice and notice[1] == view.content_key():
        st.info(md(notice[0]), icon=":material/info:")
    elif notice:
        del st.session_state[_NOTICE]


def _save_form(view: View) -> None:
    with st.form("deck_save", border=False):
        left, right = st.columns([1, 1.6])
        left.text_input("Name", max_chars=NAME_MAX, key="deck_name",
                        placeholder="e.g. The closure, 2011–12")  # fmt: skip
        right.text_area("Note (speaker notes)", max_chars=NOTE_MAX, key="deck_note", height=68)
        st.form_submit_button("Save view", icon=":material/bookmark_add:", type="primary",
                              on_click=_save, args=(view,),
                              help=f"Stores {view.time_label()}, the mode, layers, selection, "
                                   "map extent, overlays by name, title and banner.")  # fmt: skip


def _describe(item: SavedView) -> tuple[View | None, str]:
    try:
        v = view_from_doc(item.doc) if item.doc is not None else None
    except ViewDocError as exc:
        return None, f"cannot be opened: {exc}"
    if v is None:
        return None, f"cannot be opened: {item.problem}"
    extra = f" · overlays: {', '.join(v.overlays)}" if v.overlays else ""
    return v, f"{v.time_label()} · {v.mode_label()}{extra}"


def _deck_list(items: list[SavedView]) -> None:
    if not items:
        st.info(md(deck.NO_VIEWS), icon=":material/slideshow:")
        return
    st.markdown(f"**Briefing deck · {len(items)} slide{'s' * (len(items) != 1)}**")
    for i, item in enumerate(items):
        v, about = _describe(item)
        with st.container(border=True):
            st.markdown(f"**{item.position}\\. {md(item.name)}**  \n{md(about)}")
            if item.note:
                st.caption(md(item.note))
            c = st.columns([1, 1, 1.4, 1.4, 1.4])
            c[0].button("↑", key=f"deck_up_{item.id}", disabled=i == 0, help="Move up",
                        on_click=_act, args=(lambda s, k=item.id: s.move_up(k),))  # fmt: skip
            c[1].button("↓", key=f"deck_dn_{item.id}", disabled=i == len(items) - 1,
                        help="Move down",
                        on_click=_act, args=(lambda s, k=item.id: s.move_down(k),))  # fmt: skip
            c[2].button(
                "Open",
                key=f"deck_open_{item.id}",
                disabled=v is None,
                icon=":material/map:",
                on_click=_ask_open,
                args=(item.id,),
            )
            with c[3].popover("Rename", icon=":material/edit:"):
                with st.form(f"deck_rn_form_{item.id}", border=False):
                    st.text_input("Name", item.name, max_chars=NAME_MAX, key=f"deck_rn_{item.id}")
                    st.text_area("Note", item.note, max_chars=NOTE_MAX, key=f"deck_nt_{item.id}")
                    st.form_submit_button("Save changes", on_click=_edit, args=(item,))
            with c[4].popover("Delete", icon=":material/delete:"):
                st.markdown(f"Delete **{md(item.name)}** from the deck?")
                st.button("Delete", key=f"deck_del_{item.id}", type="primary",
                          on_click=_act, args=(lambda s, k=item.id, r=item.revision:
                                               s.delete(k, revision=r), "Deleted."))  # fmt: skip


def prepare_deck(items: list[SavedView], view: View, *, fps: float
                 ) -> tuple[list[ExportFile], list[str]]:  # fmt: skip
    """Render the deck's PPTX and PDF and the current view's GIF; report each failure."""
    ds = load_dataset()
    overlays = overlay_inputs(list(overlay_store().values()))
    entries, errors = [], []
    for item in items:
        v, about = _describe(item)
        if v is None:
            errors.append(f"“{item.name}” is left out: it {about}.")
        else:
            entries.append(deck.DeckItem(item.name, item.note, v))
    stem = deck.deck_stem()
    files: list[ExportFile] = []
    try:
        slides = deck.slides_for(ds, entries, overlays=overlays, url_for=reopen_url)
        for s in slides:
            if s.missing:
                errors.append(f"“{s.title}” is shown without {', '.join(s.missing)}: "
                              "not loaded in this session.")  # fmt: skip
        files.append(ExportFile("PPTX", deck.deck_pptx(slides), f"{stem}.pptx",
                                "application/vnd.openxmlformats-officedocument."
                                "presentationml.presentation"))  # fmt: skip
        files.append(ExportFile("PDF", deck.deck_pdf(slides), f"{stem}.pdf", "application/pdf"))
    except (ExportError, OSError, MemoryError) as exc:
        errors.append(f"The deck could not be made: {exc}")
    try:
        frames = deck.animation_frames(ds, view, overlays=overlays)
        gif = deck.deck_gif(frames, fps=fps, colors=[o.color for o in overlays])
        files.append(ExportFile(f"GIF ({len(frames)} frames)", gif, f"{stem}_animation.gif",
                                "image/gif"))  # fmt: skip
    except (ExportError, OSError, MemoryError) as exc:
        errors.append(f"The animation could not be made: {exc}")
    return files, errors


def _prepare(items: list[SavedView], view: View) -> None:
    if not items:
        return
    left, right = st.columns([1, 1.4])
    fps = left.select_slider("Animation speed", FPS, value=1.0, key="deck_fps",
                             format_func=lambda f: f"{f:g} frame/s")  # fmt: skip
    steps = deck.animation_views(view)
    unit = "years" if view.window.granularity == "year" else "months"
    right.caption(
        f"The GIF steps through {len(steps)} {unit} of the current view; the PPTX has one "
        "slide and the PDF one A4 page per saved view."
    )
    key = (tuple((i.id, i.revision, i.position) for i in items), view.content_key(), fps,
           tuple(sorted(overlay_store())))  # fmt: skip
    if st.button("Prepare deck", icon=":material/build:", type="primary", key="deck_go"):
        with st.spinner(f"Rendering {len(items)} slides and {len(steps)} animation frames…"):
            files, errors = prepare_deck(items, view, fps=fps)
        st.session_state[_READY] = {"key": key, "files": files, "errors": errors}
    ready = st.session_state.get(_READY)
    if not ready:
        return
    if ready["key"] != key:
        st.info("The deck or the view has changed since it was prepared: prepare it again.")
        return
    for message in ready["errors"]:
        st.warning(md(message), icon=":material/warning:")
    cols = st.columns(max(len(ready["files"]), 1))
    for col, f in zip(cols, ready["files"], strict=False):
        n = len(f.data)
        size = f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{max(n // 1024, 1)} KB"
        col.download_button(f"{f.label} · {size}", f.data, file_name=f.file_name, mime=f.mime,
                            on_click="ignore", icon=":material/download:", width="stretch",
                            key=f"deck_dl_{f.file_name.rsplit('.', 1)[-1]}")  # fmt: skip
