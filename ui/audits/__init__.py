"""The Audits screen: practice quality audits for practice leads, and the worker's and manager's
response once an audit is moderated."""
