"""Working groups: the backers of one candidate coordinating joint activities."""
