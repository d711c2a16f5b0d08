/**
 * The pages' own CSS, inlined (the CSP allows inline styles, not scripts). A centred card on a
 * grey background, the system font, colours of at least 4.5:1 contrast on their backgrounds,
 * a visible focus ring, and nothing wider than a 320-pixel screen. A pool's CSS comes after it,
 * so the customizable classes win at equal specificity.
 */
export const BASE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;min-height:100vh;padding:1rem .5rem;background:#f3f4f6;color:#1f2328;
font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:26rem;margin:0 auto;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:1.5rem 1.25rem}
.banner-customizable{text-align:center;margin-bottom:1rem}
.logo-customizable{max-width:100%;max-height:6rem;height:auto}
h1{font-size:1.375rem;line-height:1.3;margin:0 0 .25rem}
p{margin:.5rem 0}
.subtitle{color:#57606a;margin-top:0}
form{margin:1rem 0 0}
.field{margin:0 0 1rem}
label,legend{display:block;font-weight:600;margin-bottom:.25rem}
fieldset{border:0;padding:0;margin:0 0 1rem}
.choice{display:flex;align-items:center;gap:.5rem;margin:.25rem 0}
.choice label{font-weight:400;margin:0}
input[type=radio]{width:1.125rem;height:1.125rem;margin:0}
.inputField-customizable{display:block;width:100%;min-height:2.75rem;padding:.5rem .75rem;font:inherit;color:#1f2328;
background:#fff;border:1px solid #6e7781;border-radius:6px}
.inputField-customizable[aria-invalid=true]{border-color:#b3261e}
.hint{font-size:.875rem;color:#57606a;margin:.25rem 0 0}
button{font:inherit;cursor:pointer}
.submitButton-customizable{display:block;width:100%;min-height:2.75rem;padding:.5rem 1rem;border:0;border-radius:6px;
background:#0b5cab;color:#fff;font-weight:600}
.submitButton-customizable:hover{background:#084a8a}
.secondary{display:block;width:100%;min-height:2.75rem;padding:.5rem 1rem;border:1px solid #0b5cab;border-radius:6px;
background:#fff;color:#0b5cab;font-weight:600}
.idpButton-customizable,.socialButton-customizable{display:block;width:100%;min-height:2.75rem;margin:0 0 .75rem;
padding:.625rem 1rem;border:1px solid #6e7781;border-radius:6px;background:#fff;color:#1f2328;text-align:center;
text-decoration:none;font-weight:600}
.idpButton-customizable:hover,.socialButton-customizable:hover{background:#f3f4f6}
.idpDescription-customizable{color:#57606a;font-size:.875rem}
.legalText-customizable{color:#57606a;font-size:.875rem;text-align:center}
a{color:#0b5cab}
.redirect-customizable{text-align:center;margin:1rem 0 0}
.errorMessage-customizable{margin:1rem 0 0;padding:.75rem 1rem;border:1px solid #b3261e;border-radius:6px;
background:#fdecea;color:#8c1d18}
.status{margin:1rem 0 0;padding:.75rem 1rem;border:1px solid #0b5cab;border-radius:6px;background:#eef5fc;color:#083a6b}
.secret{display:block;padding:.5rem .75rem;background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;
font:1rem/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere;user-select:all}
:focus-visible{outline:3px solid #0b5cab;outline-offset:2px}
.inputField-customizable:focus{border-color:#0b5cab}
`;
