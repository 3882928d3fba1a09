import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { graphqlErrorCode } from '../../../app/graphqlErrorCode';
import { useDocumentTitle } from '../../../components/useDocumentTitle';
import { graphql } from '../../../gql';
import './SignInPage.css';

const SignInMutation = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      expiresAt
      viewer {
        actor
      }
    }
  }
`);

interface SignInPageProps {
  /** On a demo server: the demo accounts and their password. */
  hint: string | null;
  onSignedIn(): Promise<void>;
}

export function SignInPage({ hint, onSignedIn }: SignInPageProps) {
  useDocumentTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [signIn, { loading }] = useMutation(SignInMutation);
  const problemId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      await signIn({ variables: { email, password } });
      await onSignedIn();
    } catch (error) {
      const code = graphqlErrorCode(error);
      setProblem(
        code === 'UNAUTHENTICATED'
          ? 'Wrong e-mail or password.'
          : code === 'RATE_LIMITED'
            ? (error as Error).message
            : `Could not sign in: ${(error as Error).message}`,
      );
      setPassword('');
    }
  }

  return (
    <main id="main" className="sign-in">
      <form className="sign-in-card" onSubmit={submit} aria-describedby={problem ? problemId : undefined} noValidate>
        <div className="brand sign-in-brand">
          <span className="brand-mark" aria-hidden="true" />
          Spine
        </div>
        <h1 className="page-title">Sign in</h1>
        <label className="field-label" htmlFor="sign-in-email">
          E-mail
        </label>
        <input
          id="sign-in-email"
          className="input"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <label className="field-label" htmlFor="sign-in-password">
          Password
        </label>
        <input
          id="sign-in-password"
          className="input"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {problem && (
          <p id={problemId} className="sign-in-problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={loading || !email || !password}>
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
        {hint && (
          <p className="sign-in-hint">
            <strong>Demo server.</strong> {hint}
          </p>
        )}
      </form>
    </main>
  );
}
