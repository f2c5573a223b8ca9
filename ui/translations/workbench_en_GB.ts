<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
    <context>
        <name>ActionRow</name>
        <message>
            <source>What will happen (action %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What will happen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who (action %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who will do it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>By when (action %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove action %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (carried forward)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Action %1%2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>By when:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What action %1 is about</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not about the safety plan or the network</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>About:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The safety plan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Network: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ActionsStep</name>
        <message>
            <source>What became of the actions agreed last time: done, carried forward, or dropped (and why). A carried action is copied into this session's actions.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Actions from earlier sessions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Actions agreed now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add &amp;action</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AdminScreen</name>
        <message>
            <source>&amp;Add person…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enrolment &amp;code…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Unlock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark as &amp;leaver…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add to the &amp;team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Staff</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reset &amp;passphrase…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Bring back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enrolment code issued to %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 can try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark as leaver</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 will no longer be able to sign in, and any enrolment code they have stops working. Their records are kept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is marked as a leaver.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is on the team: issue them an enrolment code so they can sign in.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AgendaModel</name>
        <message>
            <source>Child</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why it is on the agenda</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker's reflection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prepared, flagged for discussion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prepared</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>none</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AgendaPage</name>
        <message>
            <source>Meeting date and time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> minutes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not recorded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Duration in minutes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Those present</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Names, separated by commas</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bl&amp;ind scaling: hide each score until both have scored</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Blind scaling</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agenda</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The children to discuss, in order, and why</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move &amp;up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move do&amp;wn</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Take the child off the agenda (Del)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drop  (Del)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Child from the caseload to add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Add to agenda</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Discuss</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Walk through the agenda</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Meeting:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dura&amp;tion:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Present:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a child from the caseload:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A&amp;genda</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>last supervised %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not supervised yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 — %2, %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drop from the agenda</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drop %1 from the agenda? What was recorded for them in this session will be removed.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <source>The file was kept as %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was moved or changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your settings could not be read, so the workbench is using its default settings.

The problem with %1: %2.

%3 Set your preferences again in Edit &gt; Preferences… (Ctrl+,).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings reset to the defaults</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings reset to the defaults: see the message.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Practice Supervision Workbench</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (demo data)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AuditFormPanel</name>
        <message>
            <source>Not graded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Grade: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Evidence: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What in the record shows it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agree</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change to %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Moderation: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reason for the change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reason: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose an audit from the list.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Moderation note (optional)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Moderation note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your response</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your response to the audit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing key passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Passphrase (empty if the keyring holds it)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sa&amp;ve grades</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Co&amp;mplete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>M&amp;oderate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Res&amp;pond</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Si&amp;gn audit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Responses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Yours:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>, moderator %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt; · %2, supervised by %3, %4 · %5 · auditor %6%7</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No responses yet.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AuditsScreen</name>
        <message>
            <source>Any record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Child protection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stuck cases</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No direct work</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>all</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Records per worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Seed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Criterion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Draw sample</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open a&amp;udits</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sample</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Audits</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The audited record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>E&amp;xport themes to Excel…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;From:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;To:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>T&amp;eam:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Records &amp;per worker:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>S&amp;eed:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>C&amp;riterion:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Themes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Audits (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The audits could not be read</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n record(s) sampled (%1).</source>
            <translation>
                <numerusform>%n record sampled (%1).</numerusform>
                <numerusform>%n records sampled (%1).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n audit(s) opened.</source>
            <translation>
                <numerusform>%n audit opened.</numerusform>
                <numerusform>%n audits opened.</numerusform>
            </translation>
        </message>
        <message>
            <source>Grades saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Audit completed: a second practice lead moderates it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Audit moderated: the worker and their manager can respond.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your response is on the audit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Audit signed; it can no longer change.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was changed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export the audit themes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Excel (*.xlsx)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Themes written to %1.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AuthorityDialog</name>
        <message>
            <source>Signing authority</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The organisation's signing authority</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Create the organisation's signing authority</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. Northgate Council children's services</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Authority name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organisation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Authority passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Create</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Organisation:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Passphrase (blank: keep it in the keyring):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>…or import the council's own CA (PKCS#12)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PKCS#12 file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Browse…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PKCS#12 file password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;File:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File pass&amp;word:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Issue a signing identity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Person</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Issue identity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Export certificate…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>P&amp;erson:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Authority pass&amp;phrase (if not in the keyring):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing authority: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This organisation has no signing authority yet, so every signature is self-issued and shows as not trusted. Create one, or import the council's own CA.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The signing authority was created. Issue each person their identity.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The council's CA (PKCS#12)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PKCS#12 files (*.p12 *.pfx)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The council's CA is now the organisation's signing authority.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 has a signing identity issued by the authority: their signatures show as trusted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export the authority's certificate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Certificates (*.pem)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wrote the certificate to %1. Anyone can check a signed PDF with it: workbench verify --trust FILE.pem NOTE.pdf</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was changed</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>BackupScheduler</name>
        <message>
            <source>Backed up to %1 (encrypted, checked).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The scheduled backup did not work: %1 It will be tried again later.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CaseHistoryDialog</name>
        <message>
            <source>Scale history: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading the scale history…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Summary of the scale history</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The worries in full</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The worries in full:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The scale history could not be shown</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CaseHistoryPanel</name>
        <message>
            <source>%1 (closed on %2)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CaseKind</name>
        <message>
            <source>Early help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Referral</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assessment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Section 47</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Child in need</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Child protection plan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Care leaver</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Looked after</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CaseRecordPanel</name>
        <message>
            <source>These belong to the child's case, not to this session: each change is saved at once. The record this session signs keeps them as they stand when it is signed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Relationship</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Role in the plan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Since</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safety network</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name of the person</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Relationship to the child</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. grandmother</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Their role in the safety plan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What they do to keep the child safe</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In the network since</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add to the network</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why they left the network</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why they left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Has left the network</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kept on record with the date they left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Network meeting date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who came to the meeting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Names, separated by commas</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record the meeting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safety plan status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The plan's rules, one a line, in the family's own words</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One rule a line, as the family wrote it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safety plan review date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the safety plan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>since</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safety plan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rules</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last network meeting: %1, with %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No network meeting recorded yet.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>(%n earlier member(s) kept on record.)</source>
            <translation>
                <numerusform>(%n earlier member kept on record.)</numerusform>
                <numerusform>(%n earlier members kept on record.)</numerusform>
            </translation>
        </message>
        <message>
            <source>You can read this child's safety planning and direct work; the allocated worker or their team manager changes it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the person who has left the network in the list first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no rules</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>none</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The plan saved meanwhile: %1; rules: %2; review: %3. Your plan is still on the screen: Save the plan again to keep it.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CaseloadModel</name>
        <message>
            <source>Child ID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last visit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Seen alone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last supervised</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CaseloadScreen</name>
        <message>
            <source>&amp;Team:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Worker:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>F&amp;ilter:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filter cases</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Child ID, name or kind (Ctrl+F)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Number of cases</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Caseload</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open cases of the chosen team and worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All teams</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All workers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loading…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There are no caseloads yet. Import one with File &gt; Import caseload… (Ctrl+I).</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1 of %n open case(s)</source>
            <translation>
                <numerusform>%1 of %n open case</numerusform>
                <numerusform>%1 of %n open cases</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n open case(s)</source>
            <translation>
                <numerusform>%n open case</numerusform>
                <numerusform>%n open cases</numerusform>
            </translation>
        </message>
        <message>
            <source>Case %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The caseload could not be read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not loaded</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ChartView</name>
        <message>
            <source>Scale history chart</source>
            <extracomment>How long the view's size must stay put before ``widthSettled`` asks for a chart that fits. A chart this much narrower or wider than its view (logical pixels) is not worth rebuilding. The view settled at a width (inches at the charts' 100 dpi) the chart does not fit.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Caseload at a glance chart</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team view chart</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Chart</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CodeDialog</name>
        <message>
            <source>Enrolment code for %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1's passphrase has been reset: the old one no longer works.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 can now enrol.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give them this code in person or by phone, not by email. At sign-in they choose their name, type the code and choose their passphrase. It works once, until %1; it will not be shown again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enrolment code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>Changed by someone else</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 was changed by someone else while you were typing it. Nothing has been overwritten. Compare the two, edit your text to merge them if you like, then choose which to keep.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Their text, saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Add their text to mine</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved by someone else</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Yours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Keep my text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Use their text</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ConsultationScreen</name>
        <message>
            <source>Case consultation</source>
            <extracomment>The clock the time boxes count down by (tests move it on).</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Steps</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time left in this step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The scales</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who is scoring</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Which child</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Private score, 0 to 10</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What makes it that number (optional)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why that score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Record the score privately</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the scores side &amp;by side</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Next</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Present on a projector</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ready to si&amp;gn</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Sign…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no time box</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time box for %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time box:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the spread tells us</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case consultation: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Presented by %1, facilitated by %2. Present: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>scored (hidden)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: from %2 to %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Still to score: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Everyone has scored: show the scores side by side.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 left of %2 min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Over the %2 min time box by %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ready to sign: the facilitator signs, then the presenter countersigns.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DatabasePassphraseDialog</name>
        <message>
            <source>Choose the database passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlock the database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New database passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Database passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The new passphrase again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Create and open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Unlock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Passphrase:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Again:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No secure keyring on this computer: the passphrase will be asked each time.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The records in %1 are kept encrypted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a passphrase for the database and keep it safe: without it (or a backup of the key file) the records cannot be opened. A few ordinary words in a row are easy to remember and hard to guess.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This computer's keyring does not hold the key of this database (it was made elsewhere, or the keyring was reset).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter the database passphrase to open %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wrong passphrase — try again. Check the keyboard's Caps Lock; nothing has been changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The two passphrases are not the same: type it again in both boxes.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DecisionRow</name>
        <message>
            <source>Decision %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (decision %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove decision %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DecisionsStep</name>
        <message>
            <source>Add &amp;decision</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DirectWorkSection</name>
        <message>
            <source>Direct work and the child's voice</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tool</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>By</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drawings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The child's words</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Direct work with the child</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The chosen drawing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Direct work tool</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Date of the direct work</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who did the direct work</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The child's own words, as they said or wrote them</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Words and Pictures status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No drawing added.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a drawing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A scan or photo: PNG, JPEG or PDF, up to 10 MB</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear drawings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the direct work</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New entry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n drawing(s)</source>
            <translation>
                <numerusform>%n drawing</numerusform>
                <numerusform>%n drawings</numerusform>
            </translation>
        </message>
        <message>
            <source>Choose an entry to see its drawing.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No drawing with this entry.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2 of %3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add the child's drawing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scans and photos (*.png *.jpg *.jpeg *.pdf)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is bigger than 10 MB. Scan it at a lower resolution or save it as JPEG, then add it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 could not be read (%2). Check the file and try again.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DirectWorkTool</name>
        <message>
            <source>Three Houses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wizards and Fairies</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safety House</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Words and Pictures</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DiscussionPage</name>
        <message>
            <source>Step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scale history chart</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safety plan and direct wor&amp;k</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The child's safety network, safety plan and direct work</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Step %1 of %2: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>last discussed %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not discussed in supervision before</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>on the agenda: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drawing the scale history…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>latest direct work</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>latest direct work %1 (%2)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DraftsModel</name>
        <message>
            <source>Worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Meeting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Children discussed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Steps done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ready to sign</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Draft</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Export signed PDFs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Browse…</source>
            <extracomment>The outcome of the last export: the dialog's result.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Supervision file copies (all children discussed)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Extracts for each child's file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing key &amp;passphrase:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>E&amp;xport</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>C&amp;ancel export</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n signed record(s)</source>
            <translation>
                <numerusform>%n signed record</numerusform>
                <numerusform>%n signed records</numerusform>
            </translation>
        </message>
        <message>
            <source>Records to export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folder to export to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A folder for the PDFs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing key passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only for records whose PDFs are made now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exported files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Records:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Folder:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the folder for the signed PDFs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the folder to export to first (Browse…).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is a file, not a folder. Choose a folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tick the supervision file copies, the extracts, or both.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exporting…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1 of %n record(s) exported…</source>
            <translation>
                <numerusform>%1 of %n record exported…</numerusform>
                <numerusform>%1 of %n records exported…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Export cancelled: %n PDF(s) was/were written before it stopped; each is complete.</source>
            <translation>
                <numerusform>Export cancelled: %n PDF was written before it stopped; each is complete.</numerusform>
                <numerusform>Export cancelled: %n PDFs were written before it stopped; each is complete.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Exported %n signed PDF(s) to %1.</source>
            <translation>
                <numerusform>Exported %n signed PDF to %1.</numerusform>
                <numerusform>Exported %n signed PDFs to %1.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 of the records were signed before PDFs were kept: their signed PDFs were made now, once, and kept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not exported:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Session %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was exported.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The export stopped</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export cancelled.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FilterBar</name>
        <message>
            <source>Child ID or name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Number of records</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Team:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Worker:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>C&amp;hild:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;From:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Meetings from</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>T&amp;o:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Meetings up to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All teams</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All workers</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>GlancePanel</name>
        <message numerus="yes">
            <source>%n open case(s); the chart shows the %1 most urgent, lowest and falling first: %2.</source>
            <extracomment>How long the panel waits after the table is in before it starts the chart. The height of a child's row in the chart, in inches (``workbench.charts.caseload_glance``). The panel's width beside the table, at first (the splitter between them moves). At most this many children are drawn (the most urgent); ``workbench.charts.MAX_GLANCE_ROWS``.</extracomment>
            <translation>
                <numerusform>%n open case; the chart shows the %1 most urgent, lowest and falling first: %2.</numerusform>
                <numerusform>%n open cases; the chart shows the %1 most urgent, lowest and falling first: %2.</numerusform>
            </translation>
        </message>
        <message>
            <source>At a glance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the chart shows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sc&amp;ale history…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The scale history of the child selected in the table</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The chart follows the table.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drawing the chart…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No open cases to chart.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Showing the %1 most urgent of %2 open cases, lowest and falling first (the table lists them all).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>1 open case.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n open case(s), lowest and falling first.</source>
            <translation>
                <numerusform>%n open case, lowest and falling first.</numerusform>
                <numerusform>%n open cases, lowest and falling first.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n overdue for supervision (in bold).</source>
            <translation>
                <numerusform>%n overdue for supervision (in bold).</numerusform>
                <numerusform>%n overdue for supervision (in bold).</numerusform>
            </translation>
        </message>
        <message>
            <source>Click a child to open their scale history.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The caseload chart could not be shown</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Import caseload</source>
            <extracomment>What the dialog calls to import: ``workbench.importing.import_caseload`` unless a test hands in a stand-in with the same keyword arguments.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Browse…</source>
            <extracomment>The report of the last import that was committed: the dialog's result. What the import would do, for the file and scope as they are now (None: not previewed).</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Complete export: close open cases that are not in the file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;History…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Preview</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>C&amp;ancel import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File to import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A CSV, Excel or Ofsted Annex A workbook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the file to import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only cases of this worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only cases of this team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Complete export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tick when the file holds every open case of the chosen worker or team: cases not in it are closed (never deleted). The preview shows each closure first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Confirm closing other workers' cases</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import history: undo an import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;File:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Worker:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Team:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a caseload export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the file to import first (Browse…).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no file at %1. Check the name, or choose the file with Browse….</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading %1 for the preview…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tick the box to confirm closing other workers' cases, or untick Complete export to close nothing.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading %1…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>&amp;Yes, close %n open case(s) of %1 (not the chosen worker)</source>
            <translation>
                <numerusform>&amp;Yes, close %n open case of %1 (not the chosen worker)</numerusform>
                <numerusform>&amp;Yes, close %n open cases of %1 (not the chosen worker)</numerusform>
            </translation>
        </message>
        <message>
            <source>Preview: nothing has been changed yet. This import would close cases of other workers: check them below, tick to confirm, then Import.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preview: nothing has been changed yet. %1 Press Import to import.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n case(s) would close.</source>
            <translation>
                <numerusform>%n case would close.</numerusform>
                <numerusform>%n cases would close.</numerusform>
            </translation>
        </message>
        <message>
            <source>No case would close.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file or scope changed: preview again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Imported. The caseload has been updated.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was imported.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The import stopped; nothing was changed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import cancelled. Nothing was changed.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImportHistoryDialog</name>
        <message>
            <source>Import history</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Imports, newest first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Undo import…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo the selected import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No import yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo import %1 (%2)? Cases it closed are reopened (%3), cases it changed are put back as they were (%4), and cases it added are removed if nothing has happened to them since (%5). The undo is recorded in the audit trail.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undoing import %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was undone.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The undo stopped because of an unexpected problem (%1). Nothing was changed. Please report this to your administrator.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImportHistoryModel</name>
        <message>
            <source>Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Imported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>By</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Added</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Updated</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>command line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>everyone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>undone %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>KeyPassphraseDialog</name>
        <message>
            <source>These records were signed before their signed PDFs were kept, so the PDFs are made now, once, with the signing keys of the people who signed them, and kept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No secure keyring on this computer holds the keys' passphrase: type it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why the passphrase is needed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing key passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing key &amp;passphrase:</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LockScreen</name>
        <message>
            <source>Locked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed in as</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The workbench locked itself because nobody used it for a while. What you typed is kept and saved; enter your passphrase to carry on.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlock problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Unlock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>S&amp;witch user…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Passphrase:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed in as %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type your passphrase first.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Practice Supervision Workbench</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opening the database…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Screens</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Database in use</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Import caseload…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ctrl+I</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read a caseload export (CSV, Excel or Annex A)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filter the list on this screen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing &amp;authority…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Admins: the organisation's signing authority and everyone's signing identities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Preferences…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ctrl+,</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Idle lock, backups, database, supervision policy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;About</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;View</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Main toolbar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Database: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Caseload imported: %1 added, %2 updated, %3 closed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Practice Supervision Workbench

Case supervision notes for children's social care teams, with scaling charts and signed exports. The question sets follow the Signs of Safety® practice framework.

Signs of Safety® is a registered trade mark of its owners; this product is not affiliated with or endorsed by them.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>NoteDialog</name>
        <message>
            <source>Signed supervision note</source>
            <extracomment>Screen resolution for the pages: readable at 100 % zoom on an ordinary monitor.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opening the signed note…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pages of the signed note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read the signed note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Then the note opens.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The signed note was not opened: its signed PDF is made with the signing key passphrase. Close this and open it again to type it.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n page(s). This is the signed PDF as it is kept.</source>
            <translation>
                <numerusform>%n page. This is the signed PDF as it is kept.</numerusform>
                <numerusform>%n pages. This is the signed PDF as it is kept.</numerusform>
            </translation>
        </message>
        <message>
            <source>Page %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This note's signed PDF is made now, once: it needs the signing key passphrase.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The signed note could not be opened</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>OptionalDateEdit</name>
        <message>
            <source>Not set</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Outline</name>
        <message>
            <source>Agenda</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ready to sign</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Oversight</name>
        <message>
            <source>yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Frequency</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Held</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Days overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Upcoming</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open cases</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Children overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last discussed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Latest score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervisor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>State</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting since</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Age (days)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recorded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the session as a whole</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disagreement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pattern</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scores</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open children</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>With direct work</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share (%)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>each child</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>each session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Optional item</source>
            <extracomment>The completeness of the optional items, one row per item (``completeness.OptionalItem``).</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>For</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Answered</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Of</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed records</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Children discussed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Optional item left unanswered</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Child</source>
            <extracomment>The drill-down: a worker's open cases (``caseload_scores.GlanceRow``).
----------
Stuck cases and divergences share one table: (child, worker, what, detail).</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker</source>
            <extracomment>The roles :meth:`RowsModel.data` answers (others: None).
----------
Direct-work coverage: a row per worker, then the totals (``report.DirectWorkRow``). The share is a percentage; the tools' columns count children, headed by the core's tool names.
----------
Per worker, then the totals (``completeness.CompletenessRow``): choose one to drill down.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Meeting</source>
            <extracomment>The drill-down: each optional item a record left unanswered (``completeness.Unanswered``).</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>OversightScreen</name>
        <message>
            <source>Team</source>
            <extracomment>How many rows (those on view first) a column's width is fitted to.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Show</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Export to Excel…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export signed &amp;PDF…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The report as a PDF signed with your signing identity, which "workbench verify" checks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Team:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;From:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>T&amp;o:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Oversight summary</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading the teams…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Oversight figures</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Workers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Children not discussed in time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notes not yet final</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open disagreements</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overdue actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stuck and diverging cases</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scores</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Direct work with children</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Completeness of optional items</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a period and press Show.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a worker to see their children.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The worker's children</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Completeness by worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a worker or an item to see which records left it unanswered.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Optional items left unanswered</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Respond…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A practice lead answers a disagreement; the answer is signed and kept with the record.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A practice lead answers open disagreements.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There are no teams yet. Import a caseload with File &gt; Import caseload… (Ctrl+I).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The period ends before it starts: choose a From date on or before the To date.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading supervision for the period…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drawing the chart…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2 (%3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, %2 to %3 (as of %4). Workers overdue for supervision: %5 of %6.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Children not discussed within their interval: %1 of %n open case(s); re-discussed in time in the period: %2.</source>
            <translation>
                <numerusform>Children not discussed within their interval: %1 of %n open case; re-discussed in time in the period: %2.</numerusform>
                <numerusform>Children not discussed within their interval: %1 of %n open cases; re-discussed in time in the period: %2.</numerusform>
            </translation>
        </message>
        <message>
            <source>Stuck: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Diverging: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Workers (%1 overdue)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Children late (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notes pending (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disagreements (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Actions overdue (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stuck or diverging (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Direct work (%1 of %2)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Completeness (%n signed record(s))</source>
            <translation>
                <numerusform>Completeness (%n signed record)</numerusform>
                <numerusform>Completeness (%n signed records)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>"%1" was left unanswered %n time(s):</source>
            <translation>
                <numerusform>"%1" was left unanswered %n time:</numerusform>
                <numerusform>"%1" was left unanswered %n times:</numerusform>
            </translation>
        </message>
        <message>
            <source>Choose a worker to see which of their records left which items unanswered.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1's signed records left %n optional item(s) unanswered:</source>
            <translation>
                <numerusform>%1's signed records left %n optional item unanswered:</numerusform>
                <numerusform>%1's signed records left %n optional items unanswered:</numerusform>
            </translation>
        </message>
        <message>
            <source>Export the oversight as a signed PDF</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PDF report (*.pdf)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved the signed report to %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Children with direct work since %1: %2 of %3.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Scores (%n case(s))</source>
            <translation>
                <numerusform>Scores (%n case)</numerusform>
                <numerusform>Scores (%n cases)</numerusform>
            </translation>
        </message>
        <message>
            <source>This figure could not be shown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The oversight of supervision could not be shown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading %1's children…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1's open cases: %2, of which %3 overdue for discussion.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The worker's children could not be shown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export the oversight to Excel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Excel workbook (*.xlsx)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved the workbook to %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The workbook was not written</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PassphraseDialogBase</name>
        <message>
            <source>Passphrase problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type the passphrase first.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PersonDialog</name>
        <message>
            <source>Edit %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a person</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Newly qualified: assessed year (ASYE) from</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(no team)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(nobody)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Role</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervised by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assessed year starts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Role:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Team:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Supervised by:</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PreferencesDialog</name>
        <message>
            <source>Preferences</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> minutes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Never</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lock after idle minutes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> hours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Off</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Back up every so many hours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>While working</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Lock when idle for:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Back up the database every:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The idle lock and the backup interval apply from the next start. Backups are of the app's own database file, into the backups folder beside it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The &amp;embedded, encrypted file in the data folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A team's Postgre&amp;SQL server:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>postgresql://USER@HOST:5432/DBNAME</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PostgreSQL server URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Used from the next start. --database and WORKBENCH_DATABASE, when given, still win. Put a password in ~/.pgpass rather than in the URL.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How often workers are supervised</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervision policy (Oversight)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Workers are supervised:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Newly qualified workers (ASYE), from the start of their assessed year:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stage %1: supervised every</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stage %1: until</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stage %1: every</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>until</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Intervals in words: monthly, weekly, fortnightly, 10 days, 6 weeks, 6 months. After the last stage a newly qualified worker is supervised as everyone else is. The Oversight tab uses this policy at once.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preferences problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type the PostgreSQL server's URL, or choose the embedded file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was saved: %1. Correct it and press OK again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The preferences could not be saved in %1 (%2). Check that the folder exists and you may write to it.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PresentationWindow</name>
        <message>
            <source>Case consultation: presentation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Step %1 of %2 · %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Three columns: what are we worried about, what's working well, what needs to happen. The danger statements and safety goals are on the facilitator's screen.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Spread: %1 to %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scores stay private until everyone has scored.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Everyone has scored: the scores stay private until they are shown together.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Printing</name>
        <message>
            <source>A signed PDF could not be read for printing (%1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The printer could not be opened. Check that it is connected and switched on, or choose another printer.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Problems</name>
        <message>
            <source>A file could not be read or written</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2. Check the file or folder and try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Something went wrong inside the workbench</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: an unexpected problem (%2). Your work is still on the screen; please report this to your administrator.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Practice Supervision Workbench</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try again now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try saving again now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved yet: %1 Your text is kept on the screen and will be saved as soon as it can; the workbench keeps trying.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The workbench met a problem it did not expect.

%1

Everything already saved is safe. If the window does not behave as it should, close the workbench and open it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The details are in the log file:
%1
Send it with your report (it holds no passphrases and no records).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Practice Supervision Workbench: a problem</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Questions</name>
        <message>
            <source>One statement per line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (required)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReadyPage</name>
        <message>
            <source>Completeness</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What is missing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check a&amp;gain</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Mark ready to sign</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Return to &amp;draft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign as su&amp;pervisor…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add signed addend&amp;um…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A session can be signed once every required answer, score, reason, decision and action is there. Press Enter on an item to go to it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This session is signed and can no longer be changed; a correction is a signed addendum.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This session is ready to sign. It can no longer be changed unless it is returned to draft.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n thing(s) missing before it can be signed:</source>
            <translation>
                <numerusform>%n thing missing before it can be signed:</numerusform>
                <numerusform>%n things missing before it can be signed:</numerusform>
            </translation>
        </message>
        <message>
            <source>Everything required is there: it can be marked ready to sign.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RecordsModel</name>
        <message>
            <source>Meeting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervisor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed PDFs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Children discussed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>By the supervisor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>By both</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker disagrees</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Made at first export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Its signed PDFs were kept when it was signed: exporting and printing need no signing key.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed before PDFs were kept: the first export or print makes them once, with the signers' keys, and keeps them.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RecordsScreen</name>
        <message>
            <source>&amp;Export signed PDFs…</source>
            <extracomment>The period shown at first: the last year of supervision.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Print…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export case &amp;history…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Print signed records</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Print</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Then they are printed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed records</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disagreement and its answer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What happened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write the selected records' signed PDFs to a folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Print the selected records' supervision file copies</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Every signed discussion of the child in the Child box, with the full scale chart</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loading…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The signed records could not be read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not loaded</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n signed record(s)</source>
            <translation>
                <numerusform>%n signed record</numerusform>
                <numerusform>%n signed records</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 of %2 signed records</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The worker disagreed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Answered (signed) by %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not answered yet: a practice lead answers it on the Oversight screen.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was printed yet: making these records' signed PDFs needs the signing key passphrase.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preparing the pages…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was printed: the records signed before their PDFs were kept need the signing key passphrase to make them. Print them again and type it, or print the others.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Printing cancelled.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Sent %1 pages of %n record(s) to the printer.</source>
            <translation>
                <numerusform>Sent %1 pages of %n record to the printer.</numerusform>
                <numerusform>Sent %1 pages of %n records to the printer.</numerusform>
            </translation>
        </message>
        <message>
            <source>session %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not printed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the case history</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case history written to %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compiling the case history…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelled.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelling…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It did not finish</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReflectionForm</name>
        <message>
            <source>Reflection on %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What happened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Since the last supervision: visits, events, changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How and why</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How you understand it, and why you think it happened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your scale score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your reason for the score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What you want from supervision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A decision, advice, a second view…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fla&amp;g this child for discussion at the next supervision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Flag for discussion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What ha&amp;ppened?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>H&amp;ow and why?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your scale score and reaso&amp;n</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What do you w&amp;ant from supervision?</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReflectionModel</name>
        <message>
            <source>Child ID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reflection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last supervised</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not started</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prepared, flagged for discussion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prepared</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReflectionScreen</name>
        <message>
            <source>Whose reflections</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>My caseload</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a child on the left to prepare your reflection.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Worker:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>M&amp;y caseload</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prepare for your next supervision: a reflection per child. Your manager sees it when the child comes up in the session. Everything is saved as you type.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Workers prepare a reflection per child here before their supervision; their manager sees it when the child comes up in the session. Only a worker's own caseload is listed, so there is nothing here for you to prepare.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reflections are written by workers, each about their own caseload.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All changes saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved yet: trying again; your text is kept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saving…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReflectionStep</name>
        <message>
            <source>(nothing written)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(not scored)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What happened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How and why</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Their scale score and reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What they want from supervision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The worker flagged this child for discussion.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RespondDialog</name>
        <message>
            <source>Respond to a disagreement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the session as a whole</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 disagreed with the note of their supervision with %2 on %3 (about %4):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your response</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What you decided, and why</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing key passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Leave empty if this computer's keyring holds it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Sign and record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Response:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Passphrase:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No response was recorded</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReviewRow</name>
        <message>
            <source>no date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (overdue)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 — %2, by %3%4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(untitled)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>nobody named</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Outcome of earlier action %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not reviewed yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Carried forward</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dropped</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why earlier action %1 was dropped</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why it was dropped</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SafetyPlanStatus</name>
        <message>
            <source>No safety plan yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Being built</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agreed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reviewed</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ScaleRow</name>
        <message>
            <source>the case as a whole</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>scale %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Manager</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1's score on %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1's reason for the score on %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1's score:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The case as a whole</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ScaleStep</name>
        <message>
            <source>Blind scaling: each score shows as dots until both the worker and the manager have scored.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Escalation decision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The escalation decision, and who makes it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What was agreed about the difference in scores</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In their reflection the worker scored %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no reason given</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ScoreBox</name>
        <message>
            <source>Not scored</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Screens</name>
        <message>
            <source>&amp;Caseload</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Supervision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ref&amp;lections</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Records</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tea&amp;m view</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Si&amp;gn-off</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Admin</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Oversight</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A&amp;udits</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SessionEditor</name>
        <message>
            <source>Save status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close sessi&amp;on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The draft is kept and reopens next time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Session outline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The step before</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Next</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The next step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The session and its agenda</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Child %1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ready to sign</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The worker's part</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> — ready to sign</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervision with %1, %2 at %3%4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved yet: trying again; your text is kept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All changes saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Some changes were not saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saving…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SetupDialog</name>
        <message>
            <source>Set up the workbench</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This database is new: nobody can sign in yet. Name your organisation and create its first admin. The admin then adds the team and gives each person a one-time enrolment code to choose their own passphrase.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Set up and sign in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. Northshire Children's Services</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organisation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your name (the first admin)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your passphrase again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Setup problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Organisation:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your &amp;name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Passphrase:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Again:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At least 8 characters; a few ordinary words are easy to remember and hard to guess. Nobody can recover it: another admin can only issue you a new enrolment code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give your organisation's name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give your name: you will be the first admin.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The two passphrases are not the same: type it again in both boxes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Setting up…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SignDialog</name>
        <message>
            <source>Reading the session…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What is being signed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Content hash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It &amp;concerns:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the child, or the whole session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Which child it concerns</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Create my signing &amp;identity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing key &amp;passphrase:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing key passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Content hash (SHA-256):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What you &amp;disagree with, in your own words:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The &amp;correction or addition:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in first: a signature names the person who makes it.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n child(ren)</source>
            <translation>
                <numerusform>%n child</numerusform>
                <numerusform>%n children</numerusform>
            </translation>
        </message>
        <message>
            <source>You are approving, as facilitator, the consultation note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You are countersigning, as presenter, the consultation note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You are recording your disagreement with the consultation note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You are adding a correction to the signed consultation note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign as facilitator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You are approving the supervision note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You are countersigning the supervision note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You are recording your disagreement with the supervision note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You are adding a correction to the signed supervision note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2 with %3, meeting on %4 at %5 (%6 discussed). Signing as %7.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no secure keyring here: the passphrase you type protects the new key (at least 8 characters); keep it safe.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Create a self-issued &amp;identity (not trusted)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your signing identity is self-issued: your signature will show as intact but not "trusted". Ask an admin to issue you one from the organisation's signing authority.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The session as a whole (not on any child's file)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You have no signing identity yet. Create one now: a new key with a certificate issued by your organisation's signing authority, so your signatures show as "trusted".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You have no signing identity yet. Ask an admin to issue you one from the organisation's signing authority (signatures then show as "trusted"), or, only if you must sign now, create a self-issued one: signatures made with it show as intact but not "trusted".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You have no signing identity yet, and this organisation has no signing authority. You can create a self-issued identity now: signatures made with it show as intact but not "trusted". An admin creates the authority once (File &gt; Signing authority…) and then issues identities that are trusted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Creating your signing identity…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write the text first: it is signed with the note.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose which child it concerns, or the session as a whole: only that child's file will show it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was signed</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SignIn</name>
        <message>
            <source>worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>team manager</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>practice lead</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>admin</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <source>Sign in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Sign in</source>
            <extracomment>Who signed in: the dialog's result.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who are you</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Staff, with their role and team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose your passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your new passphrase again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You have no passphrase yet. Type the enrolment code an admin gave you, then choose your passphrase (at least 8 characters; a few ordinary words). You will sign in with it from now on. No code? Ask an admin.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enrolment code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>XXXX-XXXX-XXXX-XXXX</source>
            <comment>the form of an enrolment code</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign-in problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Who are you?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Passphrase:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enrolment &amp;code:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;New passphrase:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Again:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type your passphrase first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type the enrolment code an admin gave you first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The two passphrases are not the same: type it again in both boxes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wrong passphrase — try again. %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SignOffScreen</name>
        <message>
            <source>Sessions to sign</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read the signed &amp;note…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign as su&amp;pervisor…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coun&amp;tersign…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record &amp;disagreement…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add signed addend&amp;um…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Waiting for your signature, and signed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A team manager signs a supervision note once it is ready to sign; the worker then reads the signed note and countersigns it, or records in their own words what they disagree with (that is signed too). A signed note never changes: a correction is a signed addendum.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing is waiting for your signature.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed. The worker can now countersign it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Countersigned. Thank you.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your disagreement is signed and kept with the note.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The addendum is signed and kept with the note.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SignReportDialog</name>
        <message>
            <source>Sign the oversight report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The oversight of supervision for %1, %2 to %3, read afresh now, as a PDF signed by %4 with their signing identity. It is saved to %5.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What is being signed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing key passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Leave empty if this computer's keyring holds it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Sign and save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Passphrase:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in to sign the report: it is signed by the person who produces it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The signed report was not saved</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SignedInWindow</name>
        <message>
            <source>Signed in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Lock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ctrl+L</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hide the records until you type your passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>S&amp;witch user…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign out and let someone else sign in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign &amp;out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close the records and sign out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is nobody called %1 here: choose who you are.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set up the workbench to begin.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in to see the records.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed out. Sign in again with File &gt; Switch user… (or quit).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nobody signed in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed in: %1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed in: </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wrong passphrase — try again. %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed out</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StaffModel</name>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Role</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervised by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Newly qualified until</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign-in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Can sign in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Code issued, until %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Needs an enrolment code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Locked: too many wrong attempts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From an import: not yet added</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Left on %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StartConsultationDialog</name>
        <message>
            <source>Start a case consultation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Presenter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The child or sibling group</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Facilitator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Colleagues taking part</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attendee's name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agency (police, school, health…)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attendee's agency</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Role</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attendee's role</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agrees to be &amp;named in the record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A&amp;dd attendee</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attendees without an account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Start the consultation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Presenter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Child or sibling group</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Facilitator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Colleagues &amp;taking part</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A worker presents one family to the group. Everyone scales privately; the record is a brief note for the child's file and the presenter's supervision file, signed by the facilitator and countersigned by the presenter.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attendees without an account (partner agencies)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the attendee's name and agency, then add them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (not to be named in the record)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StartSessionDialog</name>
        <message>
            <source>Start supervision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Meeting date and time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> minutes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not recorded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Duration in minutes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Those present</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Names, separated by commas</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind of session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One-to-one case supervision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reflective supervision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Question set</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Blind scaling: hide each score until both have scored</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Blind scaling</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Start</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Open it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start &amp;another</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Worker:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Meeting date and time:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>D&amp;uration:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Present:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Kind:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Question set:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is nobody whose supervision you can start here.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>You already have a draft with %1 for %2 (meeting at %3; %4 of %n child(ren) discussed). Open it, or start another?</source>
            <translation>
                <numerusform>You already have a draft with %1 for %2 (meeting at %3; %4 of %n child discussed). Open it, or start another?</numerusform>
                <numerusform>You already have a draft with %1 for %2 (meeting at %3; %4 of %n children discussed). Open it, or start another?</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Startup</name>
        <message>
            <source>The demo team was added, but its past sessions could not be signed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a passphrase for the database.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The database is locked: enter its passphrase.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The database was not unlocked.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Adding the demo team…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Adding the synthetic demo team…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First run</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Database: %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Making the demo's signed PDFs: %1 of %n record(s)…</source>
            <translation>
                <numerusform>Making the demo's signed PDFs: %1 of %n record…</numerusform>
                <numerusform>Making the demo's signed PDFs: %1 of %n records…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The demo's signed PDFs are ready (%n record(s)).</source>
            <translation>
                <numerusform>The demo's signed PDFs are ready (%n record).</numerusform>
                <numerusform>The demo's signed PDFs are ready (%n records).</numerusform>
            </translation>
        </message>
        <message>
            <source>The demo's PDFs will be made when they are first exported.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nobody signed in.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The workbench could not start: %1. Please report this to your administrator.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The database could not be opened</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Supervision</name>
        <message>
            <source>Supervision is held by a team manager. Sign in as the manager to start it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1's team has no team manager in the workbench, so nobody can hold their supervision. Add the manager (import or admin), then try again.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupervisionScreen</name>
        <message>
            <source>Supervision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start a one-to-one supervision with the worker chosen on the Caseload tab. The agenda is proposed from their caseload; everything you type is saved as you type it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>S&amp;tart supervision…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start a case &amp;consultation…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your case consultations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case consultations in draft or to sign</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the consu&amp;ltation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Co&amp;ntinue the draft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your unfinished sessions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unfinished sessions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Discard draft…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervision is held by team managers. As a practice lead you read the signed records on the Records tab, and see on the Oversight tab whether supervision happens as often as policy says.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervision is held by team managers. As an admin you add people and give them their enrolment codes on the Admin tab.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervision is held by a team manager. Prepare your reflections for it on the Reflections tab.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no supervision in draft.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In draft: supervision with %1, meeting on %2 at %3.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A session marked ready to sign goes back to draft before it can be discarded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discard the draft?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discard the draft supervision with %1 (meeting %2)? It leaves your list and its scores leave the children's history. It is not deleted: it is kept, read-only, and the audit trail records that you discarded it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Discard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The draft with %1 was discarded. It is kept, read-only, and the audit trail records it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>to sign</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>in draft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · %2, presented by %3 · %4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opening the session…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TaskDialog</name>
        <message>
            <source>Cancelling…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TeamViewScreen</name>
        <message>
            <source>The team view is for team managers and practice leads. Your own caseload, with its chart, is on the Caseload screen (Ctrl+1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Admins manage identities and cannot see children's scores. Sign in as a team manager or practice lead to see the team view.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Team:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Latest score of each open case, the share of open cases with a score, and the team's scores month by month over the last year.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Summary of the team view</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading the teams…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There are no teams to show yet. Import a caseload with File &gt; Import caseload… (Ctrl+I).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drawing the team view…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The team view could not be shown</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>VoiceRows</name>
        <message>
            <source>Add a voice: the child, a parent or carer, the network…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add another person's score on %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Whose score on %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Their name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Their name (e.g. Mum, Jo Smith)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Their agency</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. school, GP, police</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agency:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Their score on %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What makes it that number, for them</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Their score:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save their score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose their score (0 to 10), then save it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1's score on %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1's reason</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WaitingModel</name>
        <message>
            <source>Meeting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervisor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Children</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ready for your signature</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed by the supervisor; waiting for the worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Countersigned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disagreement recorded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for your countersignature</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WordingChooser</name>
        <message>
            <source>The scale's wording for this child</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why this wording fits the child</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why this child is scored on this wording</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use this wording</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scale wording:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why it changes:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changed from the usual wording because: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WordsAndPicturesStatus</name>
        <message>
            <source>Not started</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drafted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shared with the family</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shared with the child</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WorkerPartPage</name>
        <message>
            <source>The worker's part</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WorriesStep</name>
        <message>
            <source>No %1 is open for this child yet: add one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No %1 is open for this child yet: add one on the step before.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Add %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WorryRow</name>
        <message>
            <source>Close it: this is no longer a worry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close %1 %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why %1 %2 is closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why it is closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove this new %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove %1 %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %2 (new in this session)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %2 (carried forward, reworded)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %2 (carried forward)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(not written yet)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>For %1 %2: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Written before as one sentence (kept in its history): %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (still to write)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Still to write: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>YesNoBox</name>
        <message>
            <source>Not answered</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.access</name>
        <message>
            <source>This person is not an active member of staff; ask an admin.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Admins manage identities and cannot open children's records. Sign in as a worker, team manager or practice lead to see them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Practice leads can read, print and export records but not change them. Ask the team manager or the worker to make the change.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only an admin can manage staff, passphrases and signing identities.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You can change only your own passphrase; an admin can reset others'.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You can see only your own team's caseloads.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Workers see their own caseload only; ask your team manager.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You can see only the caseloads of your own team.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This child is not on a caseload you can see. If you need the record, ask the child's team manager.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This supervision record belongs to another worker or team, so you cannot open it. If you need it, ask that team's manager or a practice lead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the supervisor (or the team's manager) can change the supervision record. Put your own views in your reflection, or when you countersign the note.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervision is held by a team manager. Sign in as the manager to start it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team managers see the oversight of their own team only. Choose your own team; a practice lead sees every team.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The oversight of supervision is for team managers and practice leads. Your own caseload, and when each child is due for supervision, is on the Caseload screen.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Admins manage identities and cannot see children's records. Sign in as a team manager or practice lead to see the oversight of supervision.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A disagreement is answered by a practice lead (or head of service), not by the team's manager or the worker. Ask your practice lead to respond to it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You can import caseloads only into your own team. Choose your own team, or ask that team's manager or an admin to import it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only a team manager (into their own team) or an admin can import caseloads. Ask your team manager to import the export.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Practice quality audits are written by practice leads. Ask your practice lead to audit the record; you will be asked to respond once it is moderated.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Admins manage identities and cannot open children's records. Sign in as a practice lead to audit records.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An audit is moderated by a second auditor, not by the one who graded it. Ask another practice lead to moderate it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Admins manage identities and cannot open children's records or their audits. Sign in as a practice lead to see audits.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This audit is not moderated yet; you can read it and respond once a second auditor has moderated it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This audit is about another worker's record. Ask a practice lead if you need to see it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the audited worker and their manager respond to an audit. Practice leads grade and moderate it; they do not respond to it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the audited worker and their manager respond to this audit.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.audit</name>
        <message>
            <source>it is not the event this computer recorded at this place: the trail was re-sealed or replaced</source>
            <extracomment>Where the events come from, added to every event's details as ``origin`` (the command line: ``{"via": "cli", "os_user": ..., "host": ...}``).</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The audit trail is intact: %1 events, chain head %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The audit trail is broken at event %1 (number %2 in the chain): %3. Events before it are intact; report this to whoever looks after the records.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it is missing, though this computer recorded it: the trail was cut short or the server rolled back to an older copy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it was written without the audit key, so it is not sealed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it does not follow the event before it (#%1): an event was deleted, inserted or moved here</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it does not follow the event before it: an event was deleted, inserted or moved here</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>its content was changed after it was written (or it was sealed with another key)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>event %1, which this computer recorded, is missing before it: the trail was cut and rewritten</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the trail ends at %1 events, but this computer recorded up to event %2: events were cut from its end, or the database was rolled back to an older copy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 must be 64 hex digits (a 32-byte key).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 The audit trail's key for this database is kept in the keyring; without a keyring, set %2 to the team's key (64 hex digits, the same on every computer). Nothing is recorded unsealed.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.audits</name>
        <message>
            <source>All teams</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Audit form %1, %2. Correct it and load the form again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Audit form %1 is not valid TOML (%2). Correct it and load the form again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Audit form %1, [form]: key and version say %2-v%3; rename the file or correct them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No audit form '%1' is installed; reinstall the workbench.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The period ends before it starts: choose an end date on or after the start.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose how to sample: a number of records per worker, or a criterion (child protection, stuck cases, no direct work).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is not a sampling criterion: choose one of %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sample at least one record per worker.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write the %1 before saving it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The %1 is longer than %2 characters: shorten it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Audit form %1 version %2 was changed after audits used it: give the changed form a new version number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That audit no longer exists: refresh the list of audits.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You are signed in as %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sample is empty: widen the period or choose another rule.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Audits are made by a practice lead: choose one as the auditor.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The record of %1 is not signed: only signed records are audited. Draw the sample again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The record of %1 is already being audited with this form: draw the sample again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the auditor who opened this audit grades it; a second practice lead moderates it once it is complete.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This audit has been moderated: its grades are final. The moderator's changes and reasons are on the audit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is not an item of the form %2: reload the audit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the auditor who opened this audit completes it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This audit is already complete.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Grade '%1' before completing the audit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the evidence for '%1' (what in the record shows it) before completing the audit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An audit is moderated by a second auditor, not by the one who graded it. Ask another practice lead to moderate it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only a completed audit is moderated: the auditor completes it first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This audit is already moderated.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The grade for '%1' is unchanged: leave it out to agree.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This audit is signed: responses can no longer be added.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This audit is not moderated yet: respond once it is.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You have already responded to this audit; your response is on it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You are signed in as %1: an audit is signed only by the person it names.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An audit is signed by the auditor who graded it. Ask them to sign.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This audit is already signed; it can no longer change.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An audit is signed once a second auditor has moderated it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This audit is not signed yet: its PDF is made when the auditor signs.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.backup</name>
        <message>
            <source>This database cannot be backed up by the workbench.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The backup copy failed its check, so it was not kept; the previous backup (if any) is untouched. Try again, or choose another folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This is a shared PostgreSQL server: back it up on the server (pg_dump or base backups). The server and its backups are the team's to protect.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a backup file other than the database itself.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is a folder: give the backup a file name inside it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The backup copy failed its integrity check (%1); it was not kept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The backup copy was not encrypted, so it was not kept.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.charts</name>
        <message>
            <source>%1 of %2 workers are overdue for supervision; %3 more are due within %4 days.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2 open cases were not discussed within their interval. Re-discussed within the interval in the period: %3 of %4 (%5).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2 open cases were not discussed within their interval. Re-discussed within the interval in the period: %3 of %4.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 notes are not yet final.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 disagreements are waiting for an answer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 open actions are past their date.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 cases look stuck; %2 show lasting divergence between two sides' scores.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Of %1 open cases: %2 rising, %3 steady, %4 falling since the score before; %5 scored once, %6 not scored.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2 open children had direct work since %3; children per tool: %4.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Of %1 signed records in the period (%2 children discussed), %3 of %4 optional items were answered.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Of %1 signed records in the period (%2 children discussed), %3 of %4 optional items were answered; least often: %5, %6 of %7.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n audit(s). %1</source>
            <translation>
                <numerusform>%n audit. %1</numerusform>
                <numerusform>%n audits. %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Most often below good: %1, %2 of %3.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No item fell below good.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No scaling scores recorded yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>rising</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>falling</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>steady</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n session(s)</source>
            <translation>
                <numerusform>%n session</numerusform>
                <numerusform>%n sessions</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n open case(s)</source>
            <translation>
                <numerusform>%n open case</numerusform>
                <numerusform>%n open cases</numerusform>
            </translation>
        </message>
        <message>
            <source>Worry '%1'</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 at 1 session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 → %3 (%4) over %5</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, closed on %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>from %1 to %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>on %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scaling scores over %1 %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In the escalation zone (0–%1) at the latest score: %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: no score yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 (first score)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2, same as before (%3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2, down %3 from %4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2, up %3 from %4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, overdue for supervision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No open cases.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, %2 with a score, %3 overdue for supervision. Lowest and falling first: %4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2, %3 with a score (%4).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2, %3 with a score.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 in the escalation zone (0–%2).</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Monthly mean %1 and median %2 in %3 (%n case(s)).</source>
            <translation>
                <numerusform>Monthly mean %1 and median %2 in %3 (%n case).</numerusform>
                <numerusform>Monthly mean %1 and median %2 in %3 (%n cases).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Monthly mean %1 and median %2 in %3 (%n case(s)), from a mean of %4 in %5 (%6).</source>
            <translation>
                <numerusform>Monthly mean %1 and median %2 in %3 (%n case), from a mean of %4 in %5 (%6).</numerusform>
                <numerusform>Monthly mean %1 and median %2 in %3 (%n cases), from a mean of %4 in %5 (%6).</numerusform>
            </translation>
        </message>
        <message>
            <source>No scores in the last months.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safety score at the latest session (from the previous session's)</source>
            <extracomment>Room for the score labels above the rows (``axis_on_top``): a tick and a line of text.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (overdue)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no score yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Latest, lower than before</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Latest, higher than before</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Latest, same or first score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Previous session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Escalation zone (0–%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Showing the %1 lowest of %2 open cases.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Count</source>
            <extracomment>Ages and lateness in days, banded so a long list still reads at a glance. The workers chart shows at most this many workers, the soonest due (the most overdue, the never supervised) first chosen; the table above it lists every worker. As with the caseload glance (``MAX_GLANCE_ROWS``): a hundred rows is a 25-inch chart, nothing to take in at a glance, and matplotlib drew it in over half a second.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Days until each worker's next supervision is due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Days until each worker's next supervision is due: the %1 soonest of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>never supervised</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n day(s) overdue</source>
            <translation>
                <numerusform>%n day overdue</numerusform>
                <numerusform>%n days overdue</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>due in %n day(s)</source>
            <translation>
                <numerusform>due in %n day</numerusform>
                <numerusform>due in %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Days from %1 (shaded: due within %n day(s))</source>
            <translation>
                <numerusform>Days from %1 (shaded: due within %n day)</numerusform>
                <numerusform>Days from %1 (shaded: due within %n days)</numerusform>
            </translation>
        </message>
        <message>
            <source>Latest score of each open case</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safety score (hatched: escalation zone)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Since the score before</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rising</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Steady</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Falling</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Once</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Days overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Children not discussed within their interval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Children</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>never</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notes not yet final, by how long they have waited</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Days waiting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open disagreements, by age</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Days since recorded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disagreements</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Actions past their date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No movement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Low, not rising</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker v manager</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Family v professionals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stuck cases and lasting divergence</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cases</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stuck: same score %1 sessions running, or ≤ %2 and not rising; divergence: ≥ %3 apart %4 sessions running</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open children with direct work since %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no open children</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2 (%3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share of the worker's open children (grey: totals)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Children per tool</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Of %1 open children (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safety score (0–%1: escalation zone, hatched)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open cases</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scored</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1
%2 of %n
open case(s)</source>
            <translation>
                <numerusform>%1
%2 of %n
open case</numerusform>
                <numerusform>%1
%2 of %n
open cases</numerusform>
            </translation>
        </message>
        <message>
            <source>No open
cases</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team's scores month by month (cases scored)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mean</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Median</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safety score</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Records below good, per item (%n audit(s))</source>
            <translation>
                <numerusform>Records below good, per item (%n audit)</numerusform>
                <numerusform>Records below good, per item (%n audits)</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Records below good (hatched: inadequate)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Below good, by month</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Month of the audited meeting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No scores yet: scores appear here once a session records them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worry closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Group consultation (each person's score, and the spread)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safety scale (0–10)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scale wording changed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervision sessions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker</source>
            <extracomment>The escalation zone's shading; light enough for black text and markers on top of it. Worries cycle through these (colour, line style) pairs; the case as a whole has its own. Marker shape per rater: shapes differ in outline, not only in colour. Each voice's own thin line through its scores differs in dash pattern as well as marker. Where the scale's wording changed (e.g. a child became looked after) the lines break here.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Manager / supervisor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Parent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Child</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safety network</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other professional</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Optional items answered in the signed records</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2 (%3%)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No signed records with optional items in the period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share answered (blue: for each child discussed; green: once a session)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.consultation</name>
        <message>
            <source>Facilitator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Presenter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Participant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That child is no longer in this consultation; reload it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That person is not in this consultation any more; reload it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You can record only your own score; the facilitator records the scores of people without an account.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The scores have been shown side by side, so they are fixed. Say in the spread discussion what someone would now score.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the facilitator shows the scores side by side.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Still to score: %1. Show the scores once everyone has scored, or take out someone who has left.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is empty; fill it in, then add the person again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is longer than %2 characters; shorten it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is not a step of a consultation; this is a fault in the app.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A time box of %1 minutes for '%2' is not possible; give whole minutes from 1 to %3, or none.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A case consultation is started by the presenter's team manager or a practice lead. Ask one of them to start it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A consultation holds at most %1 people besides the facilitator and the presenter; check the list.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A participant is not an active member of staff; choose them again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is already in the consultation as its %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is an admin and cannot see children's records; add them as an attendee without an account if they attend.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Two people would be recorded as '%1'; give each a different role so their scores can be told apart.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the child (or the sibling group) the presenter will bring.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A consultation is about one family: at most %1 children.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The presenter or the facilitator no longer exists; choose them again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is no longer active; choose a current worker.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The facilitator and the presenter must be different people.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 cannot facilitate: a consultation is facilitated by a team manager or a practice lead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That child is not on %1's caseload; the presenter brings a family they are allocated to.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervision session %1 is not a case consultation.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the facilitator (or the presenter's team manager) can change the consultation record; say what you want added, and they will.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is written in its own parts, not as one text.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The scores have been shown side by side; nobody joins the scaling after that. Note who else came in the story or next steps.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The scores have been shown side by side, so the people who scaled stay in the record.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A case consultation is started by a team manager or a practice lead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the presenter wants from the group</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The story so far</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mapping</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scaling</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next steps proposed by the group</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the presenter will take away</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What would you like from the group today? What would make this time useful?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tell us the story so far: who is in the family, how we came to be involved, what has happened since.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What are we worried about? What's working well? What needs to happen?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Each person scales on their own; the scores are shown side by side once everyone has scored.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What could happen next? The group proposes; the accountable team manager decides.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In your own words: what will you take away from this consultation?</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.database</name>
        <message>
            <source>The database address is not a URL. %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The workbench cannot open '%1' databases. %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check that the file's folder exists, that you may write to it, and that it is on this computer's own disk (not a network share).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check that the server is running and the address is right.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not open the database at %1: %2 %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not open the database at %1: %2. %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This database is encrypted: unlock it with the keyring or its passphrase (for the command line, set WORKBENCH_PASSPHRASE).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.encryption</name>
        <message>
            <source>The database is encrypted but its key file is missing. Put the key file (NAME.db.key) back beside it, for example from the backup, and try again.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.enrolment</name>
        <message>
            <source>This database is already set up: sign in, and ask one of its admins to enrol you.</source>
            <extracomment>How long an enrolment code can be used after it is issued.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no such member of staff.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not active (a leaver, or met by an import and not yet added): activate them first, then issue the code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That is not the enrolment code issued to %1. Check it (letters and digits; dashes do not matter).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That enrolment code has been used already: ask an admin for a new one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That enrolment code was replaced by a newer one: use the newest.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That enrolment code has expired: ask an admin for a new one.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.errors</name>
        <message>
            <source>Something outside the workbench went wrong. Try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The disk is full, so the change was not saved. Free some space (or choose another folder) and try again; nothing already saved has been lost.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The database is busy: another program or another copy of the workbench is writing to it. Close the other copy, or wait a moment, and try again; nothing has been lost.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The passphrase (or key) does not unlock this database. Check it and try again; nothing has been changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This database is protected by a passphrase and none was given. Enter it (for the command line, set WORKBENCH_PASSPHRASE).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The system keyring could not be opened. Unlock it (or sign in to your desktop session) and try again, or use a passphrase instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The database could not be opened. For the embedded file, check that its folder exists and you may write to it; for a shared server, check that it is running and its address is right. Then try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The connection to the database server was lost, so the last change was not saved. Check the network or ask whoever runs the server, then try again; your unsaved text is kept and nothing already saved has been lost.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This database file cannot be read with the key given: the passphrase is wrong, or the file is encrypted and needs unlocking (or it is not a workbench database). Nothing has been changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The database file could not be opened. Check that its folder exists and that you may write to it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The workbench may not write to %1. Check the folder's permissions and try again.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.export</name>
        <message>
            <source>Only the supervisor and the worker of a session can open its note here; practice leads use the Records tab.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This note has no signed PDF kept yet: export it from the Records tab to make it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The signing key of %1 is not unlocked here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No signed records match: widen the dates or clear a filter.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This child has no signed supervision records that you can see.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.history</name>
        <message>
            <source>Case as a whole</source>
            <extracomment>The label of the scale on the case as a whole (a score with no worry).</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.importing</name>
        <message>
            <source>a PDF document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a PNG image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a JPEG image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a GIF image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>an RTF document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2</source>
            <extracomment>Makes a second loader with its own copy of the file, for reading two sheets at once.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the file could not be opened (%1). Check the name and that you may read it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the file is %1 MB, more than the %2 MB an import may be. Export only the lists or teams you need, then import again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the file is empty. Export the caseload again and import that file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the file could not be read (%1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this is %1, not a spreadsheet. Choose the CSV or Excel export of the caseload.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the file is damaged or is not really an Excel workbook. Open it in Excel, save it again as .xlsx, then import that file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this is not a spreadsheet (it is neither an Excel workbook nor CSV text). Choose the CSV or Excel export of the caseload.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a sheet has more than %1 rows or %2 cells, more than an import may read. Export only the lists or teams you need.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the CSV text could not be read (%1). Export the caseload again as CSV, then import that file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the workbook unpacks to %1 MB from %2 MB, more than an import may be. Export only the lists or teams you need.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the workbook is damaged and cannot be read. Open it in Excel, save it again as .xlsx, then import that file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The import was cancelled; nothing was changed.</source>
            <extracomment>Files smaller than this are read on the caller's thread: they take less than the process costs to start (a 5,000-row CSV is about half a megabyte).</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' in '%2'</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing in %1 is allocated to %2. The file has rows for: %3. Check the spelling of the selection; nothing was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing in %1 is allocated to %2. Check the spelling of the selection; nothing was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> and %1 more</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 lists the same child more than once in one list, with different details: %2%3. Which row is right cannot be known: correct the export so each child appears once per list, then import again. Nothing was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 has changed since it was previewed; nothing was changed. Preview it again, then import.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The database could not be written (%1); nothing was changed. Check that the database is reachable and not in use, then import again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 and %2 more</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Importing %1 would close open cases of people other than the chosen worker (%2 in all; %3). Nothing was changed. Look at the preview and confirm these closures (on the command line: --confirm-closures), or choose the worker, or import it as a partial export, which closes nothing.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>sheet '%1' of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (or choose the team for the import)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is missing required columns: %2%3. Export the caseload again with these columns (headers may differ in case and spacing), then import again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 looks like an Annex A workbook but has none of Lists 3-9, which carry the allocated workers. Export the full Annex A, then import again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 has no rows to import: it is empty or holds only headers. Export the caseload again and import that file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 has no rows to import: it holds only headers. Export the caseload again and import that file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 reopened, %2 restored, %3 removed, %4 closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 reopened, %2 restored, %3 removed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import %1 (%2) undone: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kept open, with supervision records since the import: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no import %1; nothing was changed. Choose an import from the history.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import %1 (%2) was already undone on %3 by %4; an import is undone only once. Nothing was changed. To bring its cases back, import the file again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import %1 (%2) was already undone on %3; an import is undone only once. Nothing was changed. To bring its cases back, import the file again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This import changed cases of another team, so only an admin (or that team's manager) can undo it. Nothing was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>import %1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import %1 cannot be undone yet: %2 of its cases were changed again by a later import (%3). Undo the later import first (newest first), then this one. Nothing was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import %1 cannot be undone: %2 of its cases were changed in the workbench since. Nothing was changed; correct those cases by importing a new export.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading the file stopped unexpectedly; nothing was changed. Import it again; if this happens again, report it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading the file failed (%1: %2); nothing was changed. Report this problem.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 rows %2 and %3 (child %4, worker %5)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>rows %1 and %2 (child %3, worker %4)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>repeats row %1; counted once</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preview of %1: nothing has been changed yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cases: %1 to add, %2 to update, %3 unchanged, %4 to close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Would close, by caseload: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rejected rows: %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Warnings (%n):</source>
            <translation>
                <numerusform>Warnings (%n):</numerusform>
                <numerusform>Warnings (%n):</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: %2 (%3), ended in the file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 (%3), not in the file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>date of birth %1 is in the future; imported as given, check it in the source system</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>start date %1 (%2) is in the future; imported as given, check it in the source system</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>worker %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>team %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>everyone in the file</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Rows read: %1 (%n for other workers or teams)</source>
            <translation>
                <numerusform>Rows read: %1 (%n for other workers or teams)</numerusform>
                <numerusform>Rows read: %1 (%n for other workers or teams)</numerusform>
            </translation>
        </message>
        <message>
            <source>Rows read: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Imported %1 (import %2, SHA-256 %3…)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Selection: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Selection: %1 (partial export: absent cases left open)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cases: %1 added, %2 updated, %3 unchanged, %4 closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ended in the file and not open here, so not added: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open cases by kind: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New teams: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New workers: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Rejected rows (%n), not imported:</source>
            <translation>
                <numerusform>Rejected rows (%n), not imported:</numerusform>
                <numerusform>Rejected rows (%n), not imported:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Unallocated rows (%n), not imported:</source>
            <translation>
                <numerusform>Unallocated rows (%n), not imported:</numerusform>
                <numerusform>Unallocated rows (%n), not imported:</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 row %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>row %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, child %2 (team %3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, child %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (team %2)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>… and %n more</source>
            <translation>
                <numerusform>… and %n more</numerusform>
                <numerusform>… and %n more</numerusform>
            </translation>
        </message>
        <message>
            <source>child %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %2; left empty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Child Unique ID %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Allocated Worker or Team %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no Child Unique ID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a note, not a child's row (one cell filled)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the child id is longer than %1 characters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Allocated Team is blank (choose a team for the import, or fill it in)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the worker or team name is longer than %1 characters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case type %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case type is blank</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>holds a formula with no value (recalculate and save the sheet, then import again)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>is not Yes or No: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>is not a real date: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>is outside the years %1-%2: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>is not a date: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>is not a case kind this importer knows: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.intervals</name>
        <message>
            <source>monthly</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>weekly</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>fortnightly</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>every %1 and %2</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n month(s)</source>
            <translation>
                <numerusform>%n month</numerusform>
                <numerusform>%n months</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n month(s)</source>
            <translation>
                <numerusform>every %n month</numerusform>
                <numerusform>every %n months</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n week(s)</source>
            <translation>
                <numerusform>every %n week</numerusform>
                <numerusform>every %n weeks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n day(s)</source>
            <translation>
                <numerusform>every %n day</numerusform>
                <numerusform>every %n days</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 cannot be written in one unit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is not an interval: write e.g. 'monthly', '14 days', '6 weeks' or '6 months'.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1': the unit must be days, weeks or months.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.keys</name>
        <message>
            <source>The database's key file is damaged or not a workbench key file. Restore it from the backup (it sits beside the backup copy as DEST.key).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No secure keyring is available here (%1), so the database key must be protected by a passphrase. Choose one (for the command line, set WORKBENCH_PASSPHRASE).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No secure keyring is available here (%1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This database's key is kept in a keyring that is not available here (another computer, or a keyring that was reset), and no passphrase was set for it. Open it where it was created and add a passphrase, or restore it from a backup.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The keys archive holds %1, which is not a key or certificate file; the keys folder was not changed.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.keys_backup</name>
        <message>
            <source>The keys archive beside the backup is damaged or not a workbench keys archive; the keys folder was not changed. Use another backup's DEST.keys.tar.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.oversight</name>
        <message>
            <source>All teams</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 total</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The period ends (%1) before it starts (%2): give the earlier date first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You are signed in as %1: a response is signed only by the person it names.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write the response before signing it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The response is longer than %1 characters: shorten it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That is not a recorded disagreement: choose one from the list of open disagreements.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This disagreement has already been answered; its response is on the record. Refresh the list.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown policy setting %1; the settings are %2.</source>
            <extracomment>A session due within this many days of the report's date is "upcoming". Where the policy came from (a file's path, or "default"), printed with the report.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>asye_stage must be a list of tables with 'until' and 'every'.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>each asye_stage needs 'until' and 'every' (%1 is missing).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 must be a whole number (%2 or more).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 must be a number from 0 to 10.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the policy file is not valid TOML: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>draft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>awaiting supervisor's signature</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>awaiting worker's countersignature</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no movement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>low and not rising</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>worker and manager</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>family and professionals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You are signed in as %1: a report is signed only by the person it names.</source>
            <extracomment>/2: the completeness of the optional items is one of the report's figures (in "report"), with its rows per worker and the items each record left unanswered.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nobody with that id is enrolled here.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.restore</name>
        <message>
            <source>The backup was not restored; nothing was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no backup at %1. Check the path.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is empty, so it is not a backup. Choose another one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The backup is encrypted and its key file (%1) is not beside it, so it could not be opened. Put the key file next to it and try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not a workbench database backup (%2).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The backup failed its integrity check (%1); choose another one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That backup is the database itself: choose the backup file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A database is already at %1; restoring would replace it. Close the app and run again with --force to restore (the current database is kept aside, not deleted).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.secrets</name>
        <message>
            <source>No secure keyring is available (found %1). The workbench will ask for a passphrase instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The keyring could not be opened: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The keyring could not be written: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.server</name>
        <message>
            <source>%1 cannot be a PostgreSQL role name here: use letters, digits, '_', '.' or '-', starting with a letter or '_', at most 63 characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A team server is a PostgreSQL database: give a postgresql:// URL (the embedded SQLite file needs no server set-up).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The role %1 already exists and can log in or bypass row-level security. Run `ALTER ROLE %2 NOLOGIN NOSUPERUSER NOBYPASSRLS` (or choose other role names) and run init again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The owner role and the app role must be different roles.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The pgcrypto extension is not available on this server; install it (Debian: the postgresql package includes it; elsewhere postgresql-contrib) and run init again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This database is not a team server yet: run `workbench server init` first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is one of the server's own roles; choose the person's name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no active member of staff with id %1; enrol them first (and check the id with `workbench staff`).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The role %1 is a superuser or bypasses row-level security; a person's login must be neither.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.settings</name>
        <message>
            <source>must be from %1 to %2 %3</source>
            <extracomment>A settings file is a few kilobytes even with every window's layout; more is not ours. What the window may remember (geometry, splitters, column widths): entries and their size. What is wrong with a value of the right type (None: nothing).</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must be empty (the embedded database file) or a PostgreSQL URL such as postgresql://USER@HOST:5432/DBNAME</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>may have at most 10 stages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stage %1 must have 'until' and 'every', each an interval in words</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stage %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stage %1 must end later than stage %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stage %1: the interval (%2) is longer than the stage (%3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>may hold at most %1 entries</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must map names to short texts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>minutes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>hours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the file was kept as %1</source>
            <extracomment>``UPGRADES[n]`` turns a version-n file's values into version n + 1's. Where the unusable file was moved (None: it could not be moved and was left alone).</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>nothing was moved or changed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The settings in %1 could not be used (%2). The workbench uses its default settings; %3. Set your preferences again in Edit &gt; Preferences…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a list</source>
            <extracomment>(until, every) per ASYE stage, in words: ("6 weeks", "weekly").</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a table</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>true/false</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>nothing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 must be %2, not %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a whole number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it could not be read: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it is %1 bytes long, far more than settings ever take</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it is not UTF-8 text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it is not valid JSON (line %1, column %2: %3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it is nested too deeply to be settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it holds %1 instead of a table of settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>its settings_version is not a version number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>its folder could not be made: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.signin</name>
        <message>
            <source>A passphrase needs at least %1 characters; a few ordinary words in a row are easy to remember and hard to guess.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That passphrase repeats too few characters; use a few ordinary words.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no such member of staff.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 has been locked after %2 wrong attempts. Ask an admin to unlock you (Admin screen, or `workbench staff unlock`).</source>
            <extracomment>Wrong passphrases (or enrolment codes) in a row before each further try must wait. Wrong attempts in a row after which only an admin can let the person try again. The wait after the FREE_ATTEMPTS-th wrong attempt; it doubles with each one after.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Too many wrong attempts for %1. Try again %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>After %1 wrong attempts, the next can be made %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This person is not an active member of staff; ask an admin.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter your passphrase to sign in.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 has no passphrase yet: ask an admin for an enrolment code, then choose your passphrase with it here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That is not %1's passphrase. Check it (and the keyboard's Caps Lock) and try again.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.signing</name>
        <message>
            <source>This organisation has no signing authority yet: an admin creates one with `workbench authority create` (or imports one) first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This organisation already has a signing authority (%1). Replace it only if it is lost or compromised (--replace): signatures made under it stay trusted, and everyone needs a new identity from the new one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That signing authority is already this organisation's; nothing changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the signing authority a name, e.g. 'Northgate Council children's services signing authority'.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The PKCS#12 file holds a person's certificate, not a signing authority (CA) that may issue certificates. Ask the council's PKI team for the CA's file, or create an authority here with `workbench authority create`.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The authority's certificate expired on %1: ask the council's PKI team for a current one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only EC and RSA signing keys are supported.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The passphrase is too short: use at least %1 characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no secure keyring on this computer (found %1), so the key cannot be protected automatically. Type a passphrase of at least %2 characters to protect it, and keep it safe.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no secure keyring on this computer to unlock %1: type its passphrase. (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The passphrase of %1 is not in this computer's keyring: type it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The key file of %1 is missing (%2). Restore the keys folder from a backup, or issue a new identity.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The passphrase for %1 is wrong. Nothing was changed; try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The key of %1 is of an unsupported kind.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The signing authority's key is not on this computer. Issue identities where the authority was created or imported (the admin's computer), or restore its keys folder from a backup.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This organisation has no signing authority yet: an admin creates one (workbench authority create, or Admin &gt; Signing authority) or imports the council's own (workbench authority import FILE.p12).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 has no signing identity yet. Ask an admin to issue one (workbench authority issue --for "%2"), then sign again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The password of the PKCS#12 file is wrong. Nothing was changed; try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This file is not a PKCS#12 (.p12/.pfx) file. Ask for the file again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The PKCS#12 file holds no private key with its certificate.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The PKCS#12 key must be an EC or RSA key.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You are signed in as %1: only %2 can make their own signing identity, or an admin can issue one for them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The signed note is not the one you were shown (its SHA-256 was %1…, it is now %2…), so nothing was signed. Close this and open it again; if it happens again, tell your administrator.</source>
            <extracomment>Long enough for a page of the worker's own words; the PDFs show them whole (shrunk to fit the worker's box when long). More goes in an addendum.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The note changed after you opened this (the SHA-256 you were shown was %1…, the note's is now %2…), so nothing was signed. Close this, open it again to read the note as it is now, then sign.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervision session %1 does not exist.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You are signed in as %1, so you cannot %2 as %3: a signature is made only by the person it names. %4 signs in and signs it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the supervisor who held this session can sign it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write what you disagree with before signing the disagreement.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The disagreement is longer than %1 characters: shorten it, and add the rest as an addendum once it is signed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the worker who was supervised can countersign this note.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write the correction before signing the addendum.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This session is not signed yet: change the note itself instead of adding an addendum.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the supervisor or the worker of a session can add an addendum.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That child was not discussed in this session: choose one of its children, or the session as a whole.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>signed by the supervisor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>countersigned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a draft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ready to sign</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>signed by supervisor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>disagreement recorded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>discarded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This session is still a draft and cannot be %1: complete it and mark it ready to sign first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This session cannot be %1 yet: the supervisor signs it first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This session cannot be %1: it is already %2.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.staff_admin</name>
        <message>
            <source>Give the person's name.</source>
            <extracomment>Seniority: a supervisor's rank must be above the person's. "Leave this field as it is" for :func:`update_staff`.</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That name is longer than 200 characters; shorten it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is a team manager: give them a team.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only a worker has an assessed year (ASYE): clear its start date, or make them a worker.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nobody supervises themselves: choose someone else.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The supervisor chosen is not an active member of staff: choose a current manager.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2) cannot supervise %3 (%4): a supervisor is a team manager or practice lead above the person.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Someone of that name is already in that team: edit them instead, or tell the two apart (e.g. add an initial).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no such member of staff.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is the only admin: make someone else an admin first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You cannot make yourself a leaver: ask another admin.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>workbench.supervision</name>
        <message>
            <source>'By when' must be a date.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Action %1 no longer exists; reload the discussion.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An action is reviewed as done, carried or dropped.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That action is not on this child's case (or no longer exists); reload the discussion.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only open actions from earlier sessions can be reviewed here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Staff member %1 does not exist; choose the worker again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case %1 does not exist; reload the caseload.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That child is not on this worker's caseload; only their own children can be discussed in their supervision.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The new order does not match the agenda (an item was added or dropped meanwhile); reload the agenda and try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 must be a list of statements; this is a fault in the app, please report it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 has %2 statements; keep it to %3 or fewer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 must be a whole number from 0 to 10, not %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 must be a date without a time.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: '%2' is not a date; enter it as YYYY-MM-DD.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 must be a date, not %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 must be yes or no, not %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 must be text; this is a fault in the app, please report it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is %2 characters long; the most one field can hold is %3. Shorten it, or attach the document to the child's file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 contains a NUL character, which cannot be stored; remove it (it usually comes from pasting binary data).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervision session %1 does not exist; it may have been deleted. Reopen the list of sessions.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This supervision record has been signed and cannot be changed. To correct it, add a signed addendum.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This supervision record is marked ready to sign. Return it to draft to change it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This draft was discarded and is kept read-only. Start a new supervision session instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case discussion %1 does not exist; the child may have been dropped from the agenda. Reopen the session.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The meeting time has no time zone; this is a fault in the app, please report it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The meeting date %1 is in the future (it is now %2). Enter the date and time the meeting actually happened.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A duration of %1 minutes is not possible; enter the length of the meeting in minutes (1 to %2).</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Recorded late: this note was started on %1, %n day(s) after the meeting on %2.</source>
            <translation>
                <numerusform>Recorded late: this note was started on %1, %n day after the meeting on %2.</numerusform>
                <numerusform>Recorded late: this note was started on %1, %n days after the meeting on %2.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 is empty. Scan the drawing again and choose the new file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is %2 MB; a drawing can be at most %3 MB. Scan it at a lower resolution (150-200 dpi is plenty) or save it as JPEG, then add it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not a PNG, JPEG or PDF file. Save the scan in one of those formats and add it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 looks like a %2 file but cannot be read (it may be damaged or only partly copied). Scan or copy it again and add the new file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 has no part called %2; this is a fault in the app, please report it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The date of the direct work (%1) is in the future; give the day it was done.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Say who did the direct work with the child.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only a Words and Pictures explanation has a status.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add at most %1 drawings to one piece of direct work.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write down what the child said, or add their drawing, before saving.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That piece of direct work no longer exists; reload the panel.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>No direct work with this child is recorded. %1: the council expects some at least every %n week(s). Plan it as a next step.</source>
            <translation>
                <numerusform>No direct work with this child is recorded. %1: the council expects some at least every %n week. Plan it as a next step.</numerusform>
                <numerusform>No direct work with this child is recorded. %1: the council expects some at least every %n weeks. Plan it as a next step.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n week(s)</source>
            <translation>
                <numerusform>%n week</numerusform>
                <numerusform>%n weeks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>No direct work with this child since %1 (%2). %3: the council expects some at least every %n week(s). Plan it as a next step.</source>
            <translation>
                <numerusform>No direct work with this child since %1 (%2). %3: the council expects some at least every %n week. Plan it as a next step.</numerusform>
                <numerusform>No direct work with this child since %1 (%2). %3: the council expects some at least every %n weeks. Plan it as a next step.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 is not valid TOML (%2); correct it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 needs an [overdue_weeks] table of weeks by case kind.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 is not a kind of case; use one of %3.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: overdue_weeks.%2 must be a whole number of weeks from 1 to 104, not %3.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The question set this session uses has no question '%1'; reload the session.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is asked once per session, not per child.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decision %1 no longer exists; reload the discussion.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no scale wording '%1' in this session's question set; choose one of: %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The wording for a %1 case is '%2'. Say why this child is scored on '%3' instead, then choose it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scores have already been given on the wording shown; clear them first, then change the wording and score again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the manager who holds a supervision session can %1 it. Ask your manager.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This supervision session is held by another manager, so you cannot %1 it. Ask them, or a practice lead, if it should go.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This session is marked ready to sign. Return it to draft first if it really should be discarded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This draft has already been discarded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This supervision record has been signed and is kept for good; it cannot be discarded. To correct it, add a signed addendum.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Question set %1, %2. Correct it and load the set again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Question set %1 was changed after sessions were held with version %2. Keep the old file as it was and save the changes as %3-v%4.toml with version = %5.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The stored question set %1 v%2 does not match its recorded SHA-256, so its wording cannot be trusted; restore the database from a backup.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Question set %1 is not valid TOML (%2). Correct that line and load it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Question set %1: the file name does not match its key and version; name it %2 (or change [set] key/version to match the name).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no question set file %1 in %2; check the name or add the file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Question set %1 is not UTF-8 text (%2); save it as UTF-8 and load it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case %1 does not exist; reload your caseload.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the child's allocated worker can write a reflection on this case.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A score of %1 is not on the scale; choose 0 to 10.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That child's case no longer exists; reload the caseload.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is empty; type it in, then save again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is longer than %2 characters; shorten it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2) is in the future; give the date it happened.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That person is no longer in the network's record; reload the panel.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 has already left the network.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Say who came to the meeting (at least one name).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A safety plan of more than %1 rules is hard to live by; keep the ones the family wrote as their own.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An agreed plan has rules: write them in the family's own words first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That action no longer exists; reload the discussion.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An action can be about the safety plan or a network member.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That person is not in this child's safety network; reload the panel.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A score of %1 is not on the scale; choose a whole number from 0 to 10.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This session's question set does not ask the %1 to scale; scores can come from: %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Say who the %1 is: a score from them needs their name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Say which agency the %1 works for, then save the score again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the score (0 to 10) before giving its reason.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'Present' is a list of names; this is a fault in the app, please report it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 people present is more than a supervision session holds (%2); check the list.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The supervisor and the person supervised must be different people.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The supervisor or the worker no longer exists; choose them again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is no longer active; choose a current worker.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is a worker; supervision is held by a manager or practice lead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not on %2's caseload; propose the agenda again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The question set has no question '%1'; reload the session.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is asked for each child, not once per session.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This session is %1; only a draft can be made ready to sign.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This session is %1; only a session marked ready to sign can go back to draft.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is not a part of a danger statement or safety goal; this is a fault in the app, please report it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That worry does not belong to this child's case (or no longer exists); reload the discussion.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That worry was closed in an earlier session; add a new one instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only a worry added in this session can be removed; close this one with a reason instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The session cannot be made ready to sign yet; still missing:
%1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 was changed by someone else while you were editing it. Nothing was overwritten: your text is kept. Compare it with theirs, choose one or merge them, and save again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the worker's score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the manager's score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(untitled)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 and %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add at least one child to the agenda.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record who was present.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record how long the meeting lasted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: answer '%2'</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>answer '%1'</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>add at least %1 %2 with its %3, or keep one open.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>write the %1 (one is empty).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>write the %1 for %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>say why %1 was closed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the case as a whole</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>add %1 on the %2 for %3.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>give the reason for %1 on %2 (%3).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>record the escalation decision (a score is at or below %1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>record what was agreed about the difference between the worker's and the manager's scores.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>record at least one decision and its rationale.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a decision has a rationale but no decision.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>give the rationale for the decision %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>what will happen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>who</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>by when</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>say %1 for the action %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>review the action %1 from last time (done, carried or dropped).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>say why the action %1 was dropped.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 %3 does not say yet: %4.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: the %2 of %3 %4 does not say yet: %5.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>policy: every %n day(s)</source>
            <translation>
                <numerusform>policy: every %n day</numerusform>
                <numerusform>policy: every %n days</numerusform>
            </translation>
        </message>
        <message>
            <source>Never discussed in supervision (%1)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Not yet discussed in supervision; allocated %n day(s) ago (%1)</source>
            <translation>
                <numerusform>Not yet discussed in supervision; allocated %n day ago (%1)</numerusform>
                <numerusform>Not yet discussed in supervision; allocated %n days ago (%1)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Last discussed %n day(s) ago (%1)</source>
            <translation>
                <numerusform>Last discussed %n day ago (%1)</numerusform>
                <numerusform>Last discussed %n days ago (%1)</numerusform>
            </translation>
        </message>
        <message>
            <source>Latest score %1 (at or below %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Score falling: %1 → %2</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n action(s) overdue</source>
            <translation>
                <numerusform>%n action overdue</numerusform>
                <numerusform>%n actions overdue</numerusform>
            </translation>
        </message>
        <message>
            <source>No visit recorded</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Last visit recorded %n day(s) ago</source>
            <translation>
                <numerusform>Last visit recorded %n day ago</numerusform>
                <numerusform>Last visit recorded %n days ago</numerusform>
            </translation>
        </message>
        <message>
            <source>Flagged by the worker for discussion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Added by the manager</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Presented to a group case consultation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not yet discussed in supervision</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Last discussed %n day(s) ago</source>
            <translation>
                <numerusform>Last discussed %n day ago</numerusform>
                <numerusform>Last discussed %n days ago</numerusform>
            </translation>
        </message>
    </context>
</TS>
