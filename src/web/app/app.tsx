import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiProblem } from './api.ts';
import type { Locale } from './i18n/index.ts';
import { locale, setLocale, t } from './i18n/index.ts';
import { href, useRoute } from './router.ts';
import type { Route } from './router.ts';
import type { Session } from './session.ts';
import { SessionContext } from './session.ts';
import type { Me, OversightAbilities } from './types.ts';
import { SignInPage } from './pages/sign-in.tsx';
import { RegisterPage } from './pages/register.tsx';
import { ReportConcernPage } from './pages/report.tsx';
import { CasesPage } from './pages/cases.tsx';
import { CasePage } from './pages/case-page.tsx';
import { CreateCasePage } from './pages/create-case.tsx';
import { DashboardPage } from './pages/dashboard.tsx';
import { AccreditationsPage } from './pages/accreditations.tsx';

function Page(props: { route: Route; session: Session }) {
  const [first, second] = props.route.parts;
  const { me, oversight } = props.session;
  switch (first) {
    case undefined:
      if (!me) return <RegisterPage />;
      return oversight?.['oversight.dashboard'] ? <DashboardPage /> : <CasesPage query={props.route.query} />;
    case 'register':
      return <RegisterPage />;
    case 'report':
      return <ReportConcernPage />;
    case 'signin':
      return <SignInPage />;
    case 'dashboard':
      return me ? <DashboardPage /> : <SignInPage />;
    case 'accreditations':
      return me ? <AccreditationsPage /> : <SignInPage />;
    case 'cases':
      // A case page loads at once, beside the session (the server decides what it shows anyway).
      if (second && second !== 'new' && (me || !props.session.ready)) return <CasePage id={second} />;
      if (!me) return <SignInPage />;
      if (second === 'new') return <CreateCasePage action={props.route.query.get('action') ?? ''} />;
      return second ? <CasePage id={second} /> : <CasesPage query={props.route.query} />;
    default:
      return (
        <section>
          <h1>{t('page.notFound')}</h1>
          <p>
            <a href={href('/')}>{t('nav.home')}</a>
          </p>
        </section>
      );
  }
}

function LanguageSwitch(props: { onChange: (l: Locale) => void }) {
  const options: { l: Locale; text: string }[] = [
    { l: 'zh-CN', text: '中文' },
    { l: 'en', text: 'English' },
  ];
  return (
    <div class="lang-switch" role="group" aria-label={t('lang.label')}>
      {options.map((o) => (
        <button type="button" lang={o.l} aria-pressed={locale() === o.l} onClick={() => props.onChange(o.l)} key={o.l} data-lang={o.l}>
          {o.text}
        </button>
      ))}
    </div>
  );
}

function Nav(props: { session: Session }) {
  const { me, oversight } = props.session;
  const kind = me?.user.organisation.kind;
  return (
    <nav aria-label={t('nav.label')}>
      <ul>
        {oversight?.['oversight.dashboard'] && (
          <li>
            <a href={href('/dashboard')}>{t('nav.dashboard')}</a>
          </li>
        )}
        {me && (
          <li>
            <a href={href('/cases')}>{t('nav.cases')}</a>
          </li>
        )}
        {oversight?.['oversight.dashboard'] && (
          <li>
            <a href={href('/cases?state=intake')}>{t('nav.intake')}</a>
          </li>
        )}
        {oversight?.['accreditation.list'] && (
          <li>
            <a href={href('/accreditations')}>{t('nav.accreditations')}</a>
          </li>
        )}
        {kind === 'cii_protection_department' && (
          <li>
            <a href={href('/cases?state=determination')}>{t('nav.determinations')}</a>
          </li>
        )}
        {me?.abilities.createActions.map((a) => (
          <li key={a}>
            <a href={href(`/cases/new?action=${a}`)}>{t(`create.${a}` as 'create.declare_procurement')}</a>
          </li>
        ))}
        <li>
          <a href={href('/register')}>{t('nav.register')}</a>
        </li>
        {!me && (
          <li>
            <a href={href('/report')}>{t('nav.report')}</a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export function App() {
  const route = useRoute();
  const [, setLang] = useState<Locale>(locale());
  const [me, setMe] = useState<Me | null>(null);
  const [oversight, setOversight] = useState<OversightAbilities | null>(null);
  const [ready, setReady] = useState(false);
  const mainRef = useRef<HTMLElement>(null);

  const refresh = useCallback(async () => {
    try {
      const [m, o] = await Promise.all([api<Me>('GET', '/api/v1/me'), api<OversightAbilities>('GET', '/api/v1/me/abilities')]);
      setMe(m);
      setOversight(o);
    } catch (e) {
      if (!(e instanceof ApiProblem) || e.status !== 401) console.error(e);
      setMe(null);
      setOversight(null);
    } finally {
      setReady(true);
    }
  }, []);
  const signOut = useCallback(async () => {
    await api('DELETE', '/api/v1/session');
    setMe(null);
    setOversight(null);
    location.hash = '#/';
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale();
    void refresh();
  }, [refresh]);
  useEffect(() => {
    document.title = `${t('app.name')} — ${t('app.tagline')}`;
  });
  // Moving to another page puts focus at the start of the new content (screen readers announce it).
  const routeKey = route.parts.join('/');
  const firstRoute = useRef(true);
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [routeKey]);

  const session: Session = { me, oversight, ready, refresh, signOut };
  const changeLang = (l: Locale) => {
    setLocale(l);
    setLang(l);
  };
  return (
    <SessionContext.Provider value={session}>
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <header class="site-header">
        <div class="brand">
          <a href={href('/')}>
            <span class="brand-name">{t('app.name')}</span> <span class="brand-tag">{t('app.tagline')}</span>
          </a>
        </div>
        <LanguageSwitch onChange={changeLang} />
        <div class="user-box">
          {me ? (
            <>
              <span class="who" data-testid="who">
                {me.user.displayName} · {me.user.organisation.name}
              </span>
              <button type="button" onClick={() => void signOut()} data-testid="sign-out">
                {t('nav.signOut')}
              </button>
            </>
          ) : (
            <a class="button" href={href('/signin')}>
              {t('nav.signIn')}
            </a>
          )}
        </div>
        <Nav session={session} />
      </header>
      <main id="main" tabIndex={-1} ref={mainRef}>
        {ready || (route.parts[0] === 'cases' && route.parts[1] && route.parts[1] !== 'new') ? <Page route={route} session={session} /> : <p aria-busy="true">{t('common.loading')}</p>}
      </main>
      <footer class="site-footer">
        <p>{t('footer.text')}</p>
      </footer>
    </SessionContext.Provider>
  );
}
