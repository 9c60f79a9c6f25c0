// Entry point: design tokens, link interception, the session, then the <hy-app> shell.
import './styles/tokens.css';
import { interceptLinks } from './lib/router.ts';
import { session } from './lib/session.ts';
import './components/hy-app.ts';

interceptLinks();
void session.load();
