"""A small article of our own, so the end-to-end tests do not depend on corpus/samples."""
from pathlib import Path

ARTICLE = (
    "Cầu Ngang tăng tốc về đích nông thôn mới\n\n"
    "Báo cáo của UBND tỉnh Trà Vinh ngày 15/3/2024 cho biết tiến độ xây dựng nông thôn mới "
    "tại các địa phương.\n\n"
    "Huyện Cầu Ngang hiện đạt 07/09 tiêu chí huyện nông thôn mới. "
    "Các tiêu chí còn lại đang được tập trung thực hiện.\n"
)
KNOWN_UNIT = "Cầu Ngang"
KNOWN_MET, KNOWN_TOTAL = 7, 9


def write_article(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "cau-ngang-2024.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path
