using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MonitoringTopic : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "ChangeCounters",
                columns: new[] { "Topic", "Value" },
                values: new object[] { 5, 0L });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "ChangeCounters",
                keyColumn: "Topic",
                keyValue: 5);
        }
    }
}
