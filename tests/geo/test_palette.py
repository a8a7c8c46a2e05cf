"""The palette under simulated colour-vision deficiency, and the second cue that backs it.

Simulation: Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for
Simulation of Color Vision Deficiency", IEEE TVCG 15(6):1291–1298, severity 1.0 matrices
(their Table 1 / supplementary data), applied to linear-light sRGB. Distance: CIE76 ΔE*ab
in CIELAB (D65).

Threshold: ΔE*ab ≥ 10. A ΔE of about 2.3 is a just-noticeable difference for large
patches side by side; map symbols are small and seen apart, and Stone, Szafir & Setlur
("An Engineering Model for Color Difference as a Function of Size", Color Imaging
Conference 2014) find that small marks need several times the large-patch difference to be
told apart reliably, so 10 is the working floor here. Pairs below it must differ in their
second cue (dash or shape); the known close pairs are listed so a new one fails.
"""

from itertools import combinations

import numpy as np
import pytest

from geo.style import CATEGORY_STYLES, STATUS_STYLES

MACHADO_2009 = {
    "protanopia": [[0.152286, 1.052583, -0.204868],
                   [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968],
                     [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779],
                   [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}  # fmt: skip
THRESHOLD = 10.0
SRGB_TO_XYZ = np.array(
    [[0.4124564, 0.3575761, 0.1804375],
     [0.2126729, 0.7151522, 0.0721750],
     [0.0193339, 0.1191920, 0.9503041]]
)  # fmt: skip
WHITE_D65 = np.array([0.95047, 1.0, 1.08883])


def linear(hex_colour: str) -> np.ndarray:
    c = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(rgb_linear: np.ndarray) -> np.ndarray:
    xyz = SRGB_TO_XYZ @ np.clip(rgb_linear, 0.0, 1.0) / WHITE_D65
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, deficiency: str | None) -> float:
    m = np.eye(3) if deficiency is None else np.array(MACHADO_2009[deficiency])
    return float(np.linalg.norm(lab(m @ linear(a)) - lab(m @ linear(b))))


STYLE_SETS = {
    "status": {k: (s.color, s.dash) for k, s in STATUS_STYLES.items()},
    "category": {k: (s.color, s.shape) for k, s in CATEGORY_STYLES.items()},
}
# Pairs whose colours fall under the threshold in some simulation; each is told apart by
# its second cue instead (checked below).
# Bluish green vs grey under deuteranopia (ΔE ≈ 9): circle vs hexagon markers.
KNOWN_CLOSE: set[tuple[str, str, str]] = {("cooperation", "context", "deuteranopia")}


def test_machado_matrices_keep_white_white() -> None:
    for name, m in MACHADO_2009.items():
        assert np.allclose(np.array(m) @ np.ones(3), 1.0, atol=1e-3), name


def test_simulation_changes_red_green_but_not_grey() -> None:
    assert delta_e("#7F7F7F", "#7F7F7F", "deuteranopia") == 0.0
    assert delta_e("#FF0000", "#00A000", None) > 80
    assert delta_e("#FF0000", "#00A000", "deuteranopia") < delta_e("#FF0000", "#00A000", None)


@pytest.mark.parametrize("deficiency", [None, *MACHADO_2009])
@pytest.mark.parametrize("group", list(STYLE_SETS))
def test_colours_stay_apart_or_the_second_cue_differs(group: str, deficiency: str | None) -> None:
    styles = STYLE_SETS[group]
    close = []
    for (ka, (ca, cue_a)), (kb, (cb, cue_b)) in combinations(styles.items(), 2):
        d = delta_e(ca, cb, deficiency)
        if d < THRESHOLD:
            assert cue_a != cue_b, f"{ka}/{kb} collide under {deficiency} with the same cue"
            close.append((ka, kb, deficiency or "normal"))
    assert set(close) <= KNOWN_CLOSE, f"new colour collisions: {sorted(set(close) - KNOWN_CLOSE)}"


def test_every_status_has_its_own_dash_pattern() -> None:
    dashes = [s.dash for s in STATUS_STYLES.values()]
    assert len(set(dashes)) == len(dashes)


def test_every_category_has_its_own_shape() -> None:
    shapes = [s.shape for s in CATEGORY_STYLES.values()]
    assert len(set(shapes)) == len(shapes)
