/** Instruments as links to their pages, separated by middle dots. */
import { instrumentPath, Link } from '../lib/router.js';

export function InstrumentLinks({ instruments }: { instruments: readonly { id: string; title: string }[] }) {
  return instruments.map((instrument, index) => (
    <span key={instrument.id}>
      {index > 0 && ' · '}
      <Link to={instrumentPath(instrument.id)}>{instrument.title}</Link>
    </span>
  ));
}
