"""Turn a benchmark result into the printed table and the pass/fail list of targets."""


def _cell(st: dict | None, digits: int = 3, scale: float = 1.0, p95: bool = False) -> str:
    if not st or not st.get("n"):
        return "–"
    mid = f"{st['p50'] * scale:.{digits}f}"
    spread = f"({st['min'] * scale:.{digits}f}–{st['max'] * scale:.{digits}f}, n={st['n']})"
    if p95:
        return f"{mid} p95 {st['p95'] * scale:.{digits}f} {spread}"
    return f"{mid} {spread}"


def _p50(st: dict | None) -> float | None:
    return st.get("p50") if st and st.get("n") else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def _x(r: float | None) -> str:
    return f"{r:.2f}×" if r is not None and r < 3 else f"{r:.1f}×" if r is not None else "–"


def _row(cells: list[str], widths: list[int]) -> str:
    return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    return [_row(head, widths), _row(["-" * w for w in widths], widths)] + [
        _row(r, widths) for r in rows
    ]


def targets(res: dict) -> list[dict]:
    """Each target with its measured value and pass/fail (smoke runs have none)."""
    if res.get("mode") == "smoke":
        return []
    yc, ov = res.get("year_change", {}), res.get("overlays", {})
    atlas = _p50(yc.get("atlas", {}).get("latency_s"))
    floor = _p50(yc.get("floor", {}).get("latency_s"))
    naive = _p50(yc.get("naive", {}).get("latency_s"))
    big = ov.get("100000", {})
    a100 = _p50(big.get("atlas", {}).get("latency_s"))
    n100 = _p50(big.get("naive", {}).get("latency_s"))
    cs = res.get("cold_start", {})
    cold = _p50(cs.get("atlas", {}).get("drawn_s"))
    cold_floor = _p50(cs.get("floor", {}).get("drawn_s"))
    proc = _p50(cs.get("atlas", {}).get("process_drawn_s"))
    proc_floor = _p50(cs.get("floor", {}).get("process_drawn_s"))
    r_cold, r_proc = _ratio(cold, cold_floor), _ratio(proc, proc_floor)
    a4 = res.get("exports", {}).get("sheet:a4-300dpi:png", {}).get("warm", {})
    a4s = _p50(a4.get("seconds")) if a4.get("status") == "ok" else None
    sessions = res.get("memory", {}).get("sessions", [])
    per_session = sessions[-1]["per_session_mb"] if sessions else None

    def check(name: str, value: float | None, ok: bool | None, shown: str) -> dict:
        status = "n/a" if value is None or ok is None else ("pass" if ok else "FAIL")
        return {"target": name, "value": value, "status": status, "shown": shown}

    r_floor, r_naive = _ratio(atlas, floor), _ratio(naive, atlas)
    r_page = _ratio(_p50(yc.get("atlas", {}).get("page_latency_s")), floor)
    r_n100 = _ratio(n100, a100)
    xlsx = res.get("loader", {}).get("xlsx:100000", {}).get("vs_csv")
    return [
        check("key → map shows the year p50 ≤ 1× floor", r_floor,
              r_floor is not None and r_floor <= 1, f"{_x(r_floor)} floor"),
        check("key → whole page shows the year p50 ≤ 1.5× floor", r_page,
              r_page is not None and r_page <= 1.5, f"{_x(r_page)} floor"),
        check("curated year change ≥ 3× faster than naive", r_naive,
              r_naive is not None and r_naive >= 3, f"naive is {_x(r_naive)} slower"),
        check("100k overlay p50 ≤ 300 ms", a100,
              a100 is not None and a100 <= 0.3, f"{a100 * 1000:.0f} ms" if a100 else "–"),
        check("100k overlay ≥ 10× faster than naive", r_n100,
              r_n100 is not None and r_n100 >= 10, f"naive is {_x(r_n100)} slower"),
        check("first visit: healthy → map drawn ≤ 1.2× floor's healthy → page drawn", r_cold,
              r_cold is not None and r_cold <= 1.2,
              f"{cold:.2f} s vs {cold_floor:.2f} s: {_x(r_cold)}" if r_cold else "–"),
        check("first visit: process start → map drawn ≤ 2× floor's", r_proc,
              r_proc is not None and r_proc <= 2,
              f"{proc:.2f} s vs {proc_floor:.2f} s: {_x(r_proc)}" if r_proc else "–"),
        check("100k-row xlsx ≤ 2× the same rows as CSV", xlsx,
              xlsx is not None and xlsx <= 2, f"{_x(xlsx)} CSV"),
        check("A4 300 dpi sheet (warm) ≤ 3 s", a4s,
              a4s is not None and a4s <= 3, f"{a4s:.2f} s" if a4s else a4.get("status", "–")),
        check("extra memory per session ≤ 30 MB", per_session,
              per_session is not None and per_session <= 30,
              f"{per_session:.1f} MB" if per_session is not None else "–"),
    ]  # fmt: skip


def _change_rows(groups: dict[str, dict]) -> list[list[str]]:
    rows = []
    for name, g in groups.items():
        if not g:
            continue
        err = f" ⚠ {len(g['errors'])} failed" if g.get("errors") else ""
        rows.append([
            name + err, _cell(g["latency_s"], p95=True),
            _cell(g.get("page_latency_s"), p95=True), _cell(g["script_s"]),
            _cell(g["runs_per_change"], 0), _cell(g["busy_s"]), _cell(g["ws_kb"], 1),
            _cell(g["http_kb"], 1),
        ])  # fmt: skip
    return rows


def _rss_note(g: dict) -> str:
    """Server RSS before the upload and once the map showed it (Atlas)."""
    r = g["atlas"].get("server_rss")
    if not r:
        return ""
    grew = r["after_mb"] - r["before_mb"]
    return f" · Atlas server RSS {r['before_mb']:.0f} → {r['after_mb']:.0f} MB (+{grew:.0f})"


CHANGE_HEAD = ["app", "key → map shows year, s", "key → page shows year, s", "script s / run",
               "runs / change",
               "server busy s", "WS KB / change", "HTTP KB / change"]  # fmt: skip


def lines(res: dict) -> list[str]:
    """The printed report, as lines of Markdown."""
    out = [f"Benchmark ({res['mode']}) · wall {res.get('wall_s', 0):.0f} s · load average "
           f"{res.get('load_avg_start')} → {res.get('load_avg_end')} (2 cores, shared)",
           "Cells: median (min–max, n); latency adds p95. Ratios are of medians."]  # fmt: skip
    cs = res.get("cold_start", {})
    out += ["", "### Cold start"] if cs else []
    out += (
        []
        if not cs
        else _table(
            ["app", "process → healthy s", "healthy → map drawn s", "process → map drawn s"],
            [
                [
                    a,
                    _cell(v["healthy_s"], 2),
                    _cell(v["drawn_s"], 2),
                    _cell(v.get("process_drawn_s"), 2),
                ]
                for a, v in cs.items()
            ],
        )
    )
    yc = res.get("year_change", {})
    atlas = _p50(yc.get("atlas", {}).get("latency_s"))
    out += (
        ["", "### Year change, curated data (Atlas vs floor and naive, interleaved)"] if yc else []
    )
    out += _table(CHANGE_HEAD, _change_rows(yc)) if yc else []
    out.append(
        f"Atlas / floor: {_x(_ratio(atlas, _p50(yc.get('floor', {}).get('latency_s'))))} · "
        f"naive / Atlas: {_x(_ratio(_p50(yc.get('naive', {}).get('latency_s')), atlas))}"
    ) if yc else None
    for rows, g in res.get("overlays", {}).items():
        per_year = _cell(g["events_per_year"], 0)
        out += ["", f"### Year change with {int(rows):,} overlay events "
                f"({per_year} per year, CSV {g['file_mb']:.1f} MB)"]  # fmt: skip
        out += _table(CHANGE_HEAD, _change_rows({k: g[k] for k in ("atlas", "naive")}))
        a, n = _p50(g["atlas"]["latency_s"]), _p50(g["naive"]["latency_s"])
        out.append(
            f"naive / Atlas: {_x(_ratio(n, a))} · upload → map drawn: Atlas "
            f"{g['atlas']['upload_to_map_s']:.2f} s, naive {g['naive']['upload_to_map_s']:.2f} s"
            + _rss_note(g)
        )
    ex = res.get("exports", {})
    if ex:
        out += ["", "### Exports (2011, all layers; warm: in-process after one call; "
                "cold: fresh interpreter incl. imports)"]  # fmt: skip
        rows = []
        for what, r in ex.items():
            w, c = r["warm"], r["cold"]
            warm = _cell(w["seconds"], 2) if w["status"] == "ok" else w["status"]
            cold = _cell(c["seconds"], 2) if c["status"] == "ok" else c["status"]
            size = f"{w['bytes'] / 1024:,.0f}" if w["status"] == "ok" else "–"
            rows.append([what, warm, cold, size])
        out += _table(["export", "warm s", "cold s", "KB"], rows)
    ld = res.get("loader", {})
    if ld:
        out += ["", "### Overlay loader (fresh process per case)"]
        rows = []
        for what, r in ld.items():
            if r.get("status") != "ok":
                rows.append([what, r.get("status", "error"), "", "", ""])
                continue
            rows.append([what, f"{r['mb']:.1f}", f"{r['seconds']:.2f}",
                         f"{r['rows_per_s']:,.0f}", f"+{r['parse_rss_mb']:.0f}"])  # fmt: skip
        out += _table(["file", "MB", "seconds", "rows/s", "parse RSS MB"], rows)
        out += [
            f"- {what}: {r['vs_csv']:.2f}× the time of the same rows as CSV (median of 3 in "
            f"turn: {r['xlsx_median_s']:.2f} s vs {r['csv_seconds']:.2f} s)"
            for what, r in ld.items()
            if r.get("vs_csv")
        ]
    deck = res.get("deck")
    if deck:
        out += ["", f"### Briefing deck ({deck['views']} saved views, in-process)"]
        rows = [[k.removesuffix("_s").replace("_", " "), f"{v:.2f}"]
                for k, v in deck.items() if k.endswith("_s")]  # fmt: skip
        out += _table(["step", "seconds"], rows)
    mem = res.get("memory", {})
    if mem:
        out += ["", "### Server memory (Atlas, RSS)"]
        rows = [["idle, no session", f"{mem['idle_rss_mb']:.0f}", ""],
                ["1 warm session (imports, caches)", f"{mem['warm_rss_mb']:.0f}", ""]]  # fmt: skip
        rows += [
            [f"+{p['sessions']} extra sessions", f"{p['rss_mb']:.0f}",
             f"{p['per_session_mb']:.1f}"]
            for p in mem["sessions"]
        ]  # fmt: skip
        rel = mem.get("release", {})
        if rel.get("rss_mb") is not None:
            frac = rel.get("released_fraction")
            rows.append([
                f"all closed, after {rel['waited_s']:.0f} s (TTL 60 s)", f"{rel['rss_mb']:.0f}",
                f"released {rel['released_mb']:.0f} MB"
                + (f" ({frac:.0%} of the growth)" if frac is not None else ""),
            ])  # fmt: skip
        out += _table(["state", "RSS MB", "MB per extra session"], rows)
    tg = res.get("targets", [])
    if tg:
        out += ["", "### Targets"]
        out += _table(["target", "measured", "result"],
                      [[t["target"], t["shown"], t["status"]] for t in tg])  # fmt: skip
    return out


def print_report(res: dict) -> None:
    print("\n".join(lines(res)))
