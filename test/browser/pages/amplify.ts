/**
 * The page the Amplify browser test opens: Amplify v6 (`aws-amplify`) bundled for the browser, its
 * Auth functions handed to the test on `globalThis.amplify`, so that each step of the test is one
 * call made inside the page, exactly as an app's code would make it.
 */
import { Amplify } from 'aws-amplify';
import * as auth from 'aws-amplify/auth';

type CognitoConfig = { userPoolId: string; userPoolClientId: string; userPoolEndpoint: string };

Object.assign(globalThis, {
  amplify: {
    ...auth,
    configure: (cognito: CognitoConfig) => Amplify.configure({ Auth: { Cognito: cognito } }),
    // Amplify reassigns its exported autoSignIn once sign-up is confirmed: read it when called, not
    // when this page loaded.
    autoSignIn: () => auth.autoSignIn(),
  },
});
