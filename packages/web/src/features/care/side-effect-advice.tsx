import type { SideEffectResponse } from '@anagen/core/contracts';
import type { ReactNode } from 'react';

/** What to do now, shown the moment a report is sent. Urgent advice comes first and alone. */
export function SideEffectAdvice({ advice }: { advice: SideEffectResponse['advice'] }) {
  const tel = (n: string) => `tel:${n.replace(/[^+\d]/g, '')}`;
  if (advice.urgency === 'urgent') {
    return (
      <section
        className="alert error urgent-advice"
        role="alert"
        aria-labelledby="urgent-advice-heading"
        tabIndex={-1}
      >
        <h2 id="urgent-advice-heading">Please get help now</h2>
        <p>{advice.message}</p>
        <div className="row">
          {advice.crisisLine && (
            <a className="btn danger" href={tel(advice.crisisLine)}>
              Call or text the crisis line ({advice.crisisLine})
            </a>
          )}
          {advice.emergencyFirst ? (
            <>
              <a className="btn danger" href={tel(advice.emergencyNumber)}>
                Call emergency services ({advice.emergencyNumber})
              </a>
              <a className="btn secondary" href={tel(advice.clinicPhone)}>
                Call the clinic ({advice.clinicPhone})
              </a>
            </>
          ) : (
            <>
              <a className="btn danger" href={tel(advice.clinicPhone)}>
                Call the clinic ({advice.clinicPhone})
              </a>
              <a className="btn secondary" href={tel(advice.emergencyNumber)}>
                Emergency services ({advice.emergencyNumber})
              </a>
            </>
          )}
        </div>
        <p className="small">Your report has been sent and the clinical team has been alerted.</p>
      </section>
    );
  }
  return (
    <section className="alert ok" role="status" aria-labelledby="routine-advice-heading" tabIndex={-1}>
      <h2 id="routine-advice-heading">Report sent</h2>
      <p>{withTapToCall(advice.message, advice.clinicPhone, tel(advice.clinicPhone))}</p>
      <p>
        <a className="btn secondary" href={tel(advice.clinicPhone)}>
          Call the clinic ({advice.clinicPhone})
        </a>
      </p>
    </section>
  );
}

/** The clinic's number inside the advice text becomes a tap-to-call link (on a phone, one tap dials). */
function withTapToCall(message: string, phone: string, href: string): ReactNode {
  const at = phone ? message.indexOf(phone) : -1;
  if (at < 0) return message;
  return (
    <>
      {message.slice(0, at)}
      <a href={href}>{phone}</a>
      {message.slice(at + phone.length)}
    </>
  );
}
