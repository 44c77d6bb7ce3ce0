import { BASE_CSS } from '../report/render/html-page.ts';

/** The review page's stylesheet, served as `review.css`: the reports' look, and the scoring cards. */
export const REVIEW_CSS = `${BASE_CSS}
header.bar { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line); padding: .5rem 1.25rem; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; justify-content: space-between; }
header.bar nav { display: flex; flex-wrap: wrap; gap: .4rem .8rem; align-items: center; }
header.bar p { margin: 0; }
.brand { font-weight: 600; }
.status { color: var(--muted); font-size: .9rem; min-height: 1.4em; }
select, input, textarea, button { font: inherit; }
select, input[type=number], textarea { border: 1px solid #8c959f; border-radius: 4px; padding: .2rem .4rem; background: #fff; color: var(--fg); }
.prompt { font-style: italic; }
.rubric-box { border: 1px solid var(--line); border-radius: 6px; padding: .25rem 1rem .5rem; background: var(--bg-soft); }
.rubric-box h2 { margin-top: .5rem; border: 0; font-size: 1.05rem; }
ol.rubric { margin: .25rem 0; }
.pts { font-weight: 600; font-variant-numeric: tabular-nums; }
.progress { margin: 1rem 0 .5rem; }
details.keys { margin: .5rem 0 1rem; }
details.keys dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
details.keys dt, details.keys dd { margin: 0; }
kbd { font: .8rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; border: 1px solid #8c959f; border-bottom-width: 2px; border-radius: 3px; padding: 0 .3rem; background: #fff; color: var(--fg); }
section.group { border: 1px solid var(--line); border-left: 6px solid #8c959f; border-radius: 6px; padding: .25rem 1rem .75rem; margin: 1rem 0; scroll-margin-top: 4rem; }
section.group.is-scored { border-left-color: var(--ok); }
section.group.refused { border-left-color: var(--bad); }
section.group.current { outline: 3px solid var(--info); outline-offset: 2px; }
section.group:focus { outline: 3px solid var(--info); outline-offset: 2px; }
section.group h2 { font-size: 1.05rem; border: 0; margin: .6rem 0 .3rem; display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
.count { color: var(--muted); font-weight: normal; }
.badge { font-size: .85rem; font-weight: 600; border-radius: 999px; padding: 0 .6rem; }
.badge.scored { background: #dafbe1; color: #116329; }
.badge.todo { background: #fff8c5; color: #6c4a00; }
ul.members { list-style: none; padding: 0; margin: 0 0 .4rem; display: flex; flex-wrap: wrap; gap: .2rem .75rem; font-size: .9rem; }
.answer-text { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--bg-soft); border: 1px solid var(--line); border-radius: 4px; padding: .5rem .75rem; font-size: .95rem; max-height: 24rem; overflow-y: auto; }
.note { font-size: .9rem; color: var(--warn); margin: .4rem 0; }
form.score { margin-top: .6rem; }
fieldset.items { border: 0; padding: 0; margin: 0 0 .5rem; }
fieldset.items legend { font-weight: 600; padding: 0; margin-bottom: .2rem; }
.item { display: flex; gap: .4rem; align-items: baseline; margin: .15rem 0; }
.row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .35rem 0; }
.row.wide { flex-direction: column; align-items: stretch; }
input.adj { width: 7rem; }
output.total { font-weight: 600; margin-left: .5rem; }
textarea.comment { width: 100%; resize: vertical; }
.actions { display: flex; flex-wrap: wrap; gap: .4rem; margin-top: .4rem; }
.actions button { border: 1px solid #8c959f; border-radius: 4px; background: var(--bg-soft); color: var(--fg); padding: .15rem .7rem; cursor: pointer; }
.actions button:hover { background: #eaeef2; }
p.msg { color: var(--bad); font-weight: 600; margin: .4rem 0 0; }
p.msg:empty { display: none; }
table.parts td.num, table.parts th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.parts td:first-child code { white-space: nowrap; }
table.parts caption { text-align: left; font-weight: 600; margin-bottom: .3rem; }
.done { color: var(--ok); font-weight: 600; }
`;
