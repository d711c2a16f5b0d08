import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCognitoError } from '../errors/index.ts';
import { checkCss, CUSTOMIZABLE_CLASSES } from './ui-css.ts';

const refused = (css: string): string => {
  try {
    checkCss(css);
  } catch (e) {
    assert.ok(isCognitoError(e) && e.type === 'InvalidParameterException', css);
    return e.message;
  }
  assert.fail(`accepted: ${css}`);
};

describe('the CSS SetUICustomization accepts', () => {
  it('takes rules on the customizable classes and their listed states, with comments and strings', () => {
    // The classes and states of https://docs.aws.amazon.com/cognito/latest/developerguide/hosted-ui-classic-branding.html;
    // the first rule is the one Terraform's acceptance tests set (aws_cognito_user_pool_ui_customization).
    checkCss('.label-customizable {font-weight: 400;}');
    checkCss(CUSTOMIZABLE_CLASSES.map((c) => `.${c} { color: #123456; }`).join('\n'));
    checkCss(`/* AWS's template */
.submitButton-customizable:hover, .idpButton-customizable:hover { background-color: rgb(0, 0, 0) }
.inputField-customizable:focus { border-color: red; outline: 1px }
.legalText-customizable { font-family: "Open Sans", 'Helvetica'; }
.banner-customizable { content: "}{<"; }`);
    checkCss('');
    checkCss('  /* only a comment */ ');
  });

  it('refuses any other selector, naming it', () => {
    assert.equal(refused('body { color: red }'), 'CSS selector "body" is not one of the customizable classes.');
    for (const css of ['.label-customizable input { x: y }', '.label-customizable, * { x: y }', '[name=password] { x: y }', '.label-customizable:hover { x: y }',
      '.submitButton-customizable::after { content: "x" }', '#error { x: y }', '.label-customizable[value^="a"] { background: url(https://evil.example/a) }']) {
      assert.match(refused(css), /is not one of the customizable classes/, css);
    }
    assert.equal(refused(`.${'a'.repeat(300)} {}`).length < 200, true, 'a long selector is cut short in the message');
  });

  it('refuses at-rules, as AWS refuses @import, @supports, @page and @media', () => {
    assert.equal(refused('@import url(https://evil.example/x.css);'), 'CSS cannot contain @import statements.');
    assert.equal(refused('.label-customizable { color: red } @media print { .label-customizable { color: blue } }'), 'CSS cannot contain @media statements.');
    for (const css of ['@font-face { src: url(x) }', '@supports (display: grid) {}', '@page { margin: 0 }', '.label-customizable { @import "x"; }']) assert.match(refused(css), /^CSS cannot contain @/, css);
  });

  it('refuses script, behaviours and escapes that could spell them', () => {
    for (const css of ['.label-customizable { width: expression(alert(1)) }', '.label-customizable { background: u\\72l(javascript:alert(1)) }',
      '.label-customizable { -moz-binding: url(x.xml#y) }', '.label-customizable { behavior: url(x.htc) }', '.label-customizable { width: exp\\72 ession(alert(1)) }',
      '.label-customizable { background: u\\72l("javascript:alert(1)") }']) {
      assert.equal(refused(css), 'CSS cannot contain JavaScript, expressions, bindings or escapes.', css);
    }
  });

  it('refuses anything that loads a URL, which would be requested from this server with every pool\'s cookies', () => {
    for (const css of ['.label-customizable { background: url(/logout?client_id=other) }', '.label-customizable { background-image: URL( "https://x.example/a.png" ) }',
      '.banner-customizable { background-image: image-set("/logout" 1x) }', '.banner-customizable { background-image: -webkit-image-set("/x" 1x) }',
      '.logo-customizable { cursor: url(data:image/png;base64,AA==), auto }', '.banner-customizable { background-image: image("/x") }']) {
      assert.equal(refused(css), 'CSS cannot load resources: url(), image() and image-set() are not allowed; set the logo with ImageFile.', css);
    }
    checkCss('.legalText-customizable { content: "see url(x)"; font-family: curl-sans; }');
  });

  it('refuses what is not a list of rules', () => {
    for (const css of ['.label-customizable { color: red', '.label-customizable', '.label-customizable { a { b: c } }', '/* open', '.label-customizable { content: "x\n" }']) {
      assert.match(refused(css), /not well formed/, css);
    }
  });
});
