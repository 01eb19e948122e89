/** Points per millimetre: PDF coordinates are in points (1/72 inch). */
export const mm = (value: number): number => (value * 72) / 25.4;

/** A4 in points. */
export const A4 = { width: mm(210), height: mm(297) };

/** Left wide enough that the address (and so the first line of every page) lines up inside the window. */
export const PAGE_MARGINS = { top: mm(20), bottom: mm(25), left: mm(25), right: mm(20) };

/**
 * The window of a UK DL or C5 window envelope, as it falls on an A4 sheet folded to fit: 20 mm from the
 * left, 50 mm from the top, 90 × 40 mm. The recipient's address is printed inside it, 5 mm clear of each edge.
 */
export const ENVELOPE_WINDOW = { left: mm(20), top: mm(50), width: mm(90), height: mm(40), padding: mm(5) };

/** On a letter's first page the letterhead sits top right, beside the window. */
export const LETTERHEAD_COLUMN = { left: mm(120), top: mm(15), width: mm(70) };

/** Page numbers sit this far above the bottom edge. */
export const FOOTER_BASELINE = mm(12);
