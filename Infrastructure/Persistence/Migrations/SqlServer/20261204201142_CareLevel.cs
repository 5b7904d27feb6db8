using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CareLevel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CareLevel",
                table: "Enrollments",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CareLevel",
                table: "Applications",
                type: "int",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CareLevel",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "CareLevel",
                table: "Applications");
        }
    }
}
