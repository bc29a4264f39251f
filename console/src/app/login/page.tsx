const MESSAGES: Record<string, string> = {
  bad_credentials: "Wrong password.",
  invalid_input: "Enter the password.",
};

/** A plain form: signing in works without JavaScript. */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  return (
    <section className="card login">
      <h1>Sign in</h1>
      <p className="muted">The password is in the console's configuration (FOREX_CONSOLE_PASSWORD); in dev it is printed to the console task's log.</p>
      <form method="post" action="/api/session">
        <input type="hidden" name="next" value={next ?? "/"} />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        {error ? (
          <p role="alert" className="error">
            {MESSAGES[error] ?? "Could not sign in."}
          </p>
        ) : null}
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
    </section>
  );
}
