// Show/hide toggles for secret inputs (token, secret key, `encrypt` parameter values): the
// button keeps one accessible name and reports its state with aria-pressed.

/** Masks or reveals `input` and updates its toggle `button`. */
export function setRevealed(button, input, revealed, t) {
  input.type = revealed ? "text" : "password";
  button.setAttribute("aria-pressed", String(revealed));
  button.textContent = revealed ? t("hide") : t("show");
}

/** Whether a toggle is currently revealing its input. */
export function isRevealed(button) {
  return button.getAttribute("aria-pressed") === "true";
}
