// Parse an iCalendar from stdin with Mozilla's ical.js (as Thunderbird does)
// and print its events as JSON: uid, summary, local start/end, zone, status, sequence.
import ICAL from "ical.js";

let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) text += chunk;

const calendar = new ICAL.Component(ICAL.parse(text));
for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(vtimezone);
}
const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  return {
    uid: event.uid,
    summary: event.summary,
    start: event.startDate.toString(),
    end: event.endDate.toString(),
    tzid: event.startDate.zone ? event.startDate.zone.tzid : null,
    utc: event.startDate.toJSDate().toISOString(),
    status: vevent.getFirstPropertyValue("status"),
    sequence: event.sequence,
    description: event.description,
    location: event.location,
  };
});
console.log(JSON.stringify({
  name: calendar.getFirstPropertyValue("x-wr-calname"),
  timezones: calendar.getAllSubcomponents("vtimezone").map((tz) => tz.getFirstPropertyValue("tzid")),
  events,
  rrules: calendar.getAllSubcomponents("vtimezone").flatMap((tz) =>
    tz.getAllSubcomponents().map((part) => String(part.getFirstPropertyValue("rrule") || ""))),
}));
