// The dossier's print view: shows its Print button, which only works with JavaScript.
// Without it the page says to use the browser's Print command, which does the same.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
