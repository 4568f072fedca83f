"""The people who complain: contact details and their history with the business."""
