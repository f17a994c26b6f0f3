import { useEffect, useRef, useState } from 'react';
import { WHEEL_ODDS, type WheelOutcome } from '@starhold/common';

const COLOURS: Record<WheelOutcome, string> = { x2: '#f5b700', 'x1.5': '#4cc9f0', 'x1.2': '#80ed99', none: '#3a3f58' };

interface Segment {
  outcome: WheelOutcome;
  from: number;
  to: number;
}

/** Segments sized by their odds, clockwise from the top. */
const SEGMENTS: Segment[] = WHEEL_ODDS.map((o, i) => ({
  outcome: o.outcome,
  from: (i === 0 ? 0 : WHEEL_ODDS[i - 1]!.below) * 360,
  to: o.below * 360,
}));

function arc(from: number, to: number, r = 90): string {
  const p = (deg: number) => {
    const rad = ((deg - 90) * Math.PI) / 180;
    return `${100 + r * Math.cos(rad)} ${100 + r * Math.sin(rad)}`;
  };
  return `M 100 100 L ${p(from)} A ${r} ${r} 0 ${to - from > 180 ? 1 : 0} 1 ${p(to)} Z`;
}

/** The wheel: turns while a spin is on its way, then eases to the drawn outcome under the pointer. */
export function WheelGraphic(props: { spinning: boolean; landedOn: WheelOutcome | null; landKey: number | null }) {
  const [angle, setAngle] = useState(0);
  const turns = useRef(0);
  useEffect(() => {
    if (props.landedOn === null || props.landKey === null) return;
    const seg = SEGMENTS.find((s) => s.outcome === props.landedOn);
    if (!seg) return;
    turns.current += 5;
    setAngle(turns.current * 360 + (360 - (seg.from + seg.to) / 2));
  }, [props.landedOn, props.landKey]);
  return (
    <div className="wheel-wrap">
      <div className="pointer" aria-hidden="true">
        ▼
      </div>
      <svg
        viewBox="0 0 200 200"
        className={`wheel ${props.spinning ? 'spinning' : ''}`}
        role="img"
        aria-label={props.spinning ? 'The wheel is spinning' : props.landedOn ? `The wheel stopped on ${props.landedOn}` : 'The lucky wheel'}
        style={props.spinning ? undefined : { transform: `rotate(${angle}deg)` }}
      >
        {SEGMENTS.map((s) => (
          <g key={s.outcome}>
            <path d={arc(s.from, s.to)} fill={COLOURS[s.outcome]} stroke="#0b1020" strokeWidth="2" />
            <text x="100" y="36" textAnchor="middle" className="seg-label" transform={`rotate(${(s.from + s.to) / 2} 100 100)`}>
              {s.outcome === 'none' ? '—' : s.outcome.replace('x', '×')}
            </text>
          </g>
        ))}
        <circle cx="100" cy="100" r="10" fill="#0b1020" />
      </svg>
    </div>
  );
}
